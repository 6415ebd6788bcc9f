package io.supertonic.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.supertonic.engine.text.TextChunk;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * Runs one text chunk through the four graphs (upstream helper's {@code _infer} for a batch of
 * one): duration, text embedding, noise latent, the denoising loop, vocoder, trim, clip and int16.
 */
final class ChunkSynthesizer {
  private final OrtEnvironment env;
  private final ModelGraphs graphs;
  private final ModelConfig config;

  ChunkSynthesizer(OrtEnvironment env, ModelGraphs graphs, ModelConfig config) {
    this.env = env;
    this.graphs = graphs;
    this.config = config;
  }

  /** Speech for one chunk; {@code silenceSamples} of silence are put in front of it. */
  AudioChunk synthesize(
      TextChunk chunk,
      StyleTensors style,
      double speed,
      int totalSteps,
      long seed,
      int silenceSamples)
      throws OrtException {
    long start = System.nanoTime();
    long[] ids = chunk.ids();
    int t = ids.length;
    float[] ones = new float[t];
    Arrays.fill(ones, 1f);
    try (OnnxTensor textIds =
            OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, t});
        OnnxTensor textMask =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(ones), new long[] {1, 1, t})) {

      long dpStart = System.nanoTime();
      double seconds;
      try (OrtSession.Result r =
          graphs.durationPredictor.run(
              Map.of("text_ids", textIds, "style_dp", style.dp(), "text_mask", textMask))) {
        seconds = firstFloat(r, "duration") / speed;
      }
      long dpNanos = System.nanoTime() - dpStart;
      LatentShape shape = LatentShape.of(seconds, config);

      long teStart = System.nanoTime();
      try (OrtSession.Result encoded =
          graphs.textEncoder.run(
              Map.of("text_ids", textIds, "style_ttl", style.ttl(), "text_mask", textMask))) {
        OnnxTensor textEmb = tensor(encoded, "text_emb");
        long teNanos = System.nanoTime() - teStart;

        long[] stepNanos = new long[totalSteps];
        Voiced voiced =
            denoiseAndVocode(
                shape, textEmb, textMask, style, totalSteps, seed, chunk.index(), stepNanos);
        short[] pcm = toPcm(voiced.wav(), shape.wavSamples(), silenceSamples);
        StageTimings timings =
            new StageTimings(
                dpNanos, teNanos, stepNanos, voiced.nanos(), System.nanoTime() - start);
        return new AudioChunk(chunk.index(), chunk.text(), pcm, seconds, timings);
      }
    }
  }

  private record Voiced(float[] wav, long nanos) {}

  private Voiced denoiseAndVocode(
      LatentShape shape,
      OnnxTensor textEmb,
      OnnxTensor textMask,
      StyleTensors style,
      int totalSteps,
      long seed,
      int chunkIndex,
      long[] stepNanos)
      throws OrtException {
    int channels = config.latentChannels();
    int frames = shape.latentFrames();
    // A batch of one has no padding, so the mask covers every frame (upstream's length_to_mask).
    float[] mask = LatentShape.mask(frames, frames);
    float[] noise = LatentNoise.sample(seed, chunkIndex, channels * frames);
    for (int c = 0; c < channels; c++) {
      for (int l = 0; l < frames; l++) {
        noise[c * frames + l] *= mask[l];
      }
    }
    long[] latentShape = {1, channels, frames};
    OnnxTensor latent = OnnxTensor.createTensor(env, FloatBuffer.wrap(noise), latentShape);
    OrtSession.Result latentOwner =
        null; // the result owning `latent`, once it comes from the graph
    try (OnnxTensor latentMask =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, frames});
        OnnxTensor total = OnnxTensor.createTensor(env, new float[] {totalSteps})) {
      for (int step = 0; step < totalSteps; step++) {
        long stepStart = System.nanoTime();
        OrtSession.Result next;
        try (OnnxTensor current = OnnxTensor.createTensor(env, new float[] {step})) {
          next =
              graphs.vectorEstimator.run(
                  Map.of(
                      "noisy_latent", latent,
                      "text_emb", textEmb,
                      "style_ttl", style.ttl(),
                      "text_mask", textMask,
                      "latent_mask", latentMask,
                      "current_step", current,
                      "total_step", total));
        }
        // Feed the graph's own output tensor back without copying it through the JVM heap.
        release(latent, latentOwner);
        latentOwner = next;
        latent = tensor(next, "denoised_latent");
        stepNanos[step] = System.nanoTime() - stepStart;
      }
      long vocStart = System.nanoTime();
      try (OrtSession.Result voiced = graphs.vocoder.run(Map.of("latent", latent))) {
        FloatBuffer buffer = tensor(voiced, "wav_tts").getFloatBuffer();
        float[] wav = new float[Math.min(buffer.remaining(), shape.wavSamples())];
        buffer.get(wav);
        return new Voiced(wav, System.nanoTime() - vocStart);
      }
    } finally {
      release(latent, latentOwner);
    }
  }

  private static void release(OnnxTensor tensor, OrtSession.Result owner) {
    if (owner != null) {
      owner.close();
    } else if (!tensor.isClosed()) {
      tensor.close();
    }
  }

  /** Trim, clip to [-1, 1] and scale to int16 with rounding, after {@code silence} zero samples. */
  static short[] toPcm(float[] wav, int keep, int silence) {
    int n = Math.min(keep, wav.length);
    short[] pcm = new short[silence + n];
    for (int i = 0; i < n; i++) {
      float x = Math.max(-1f, Math.min(1f, wav[i]));
      pcm[silence + i] = (short) Math.round(x * 32767f);
    }
    return pcm;
  }

  private static OnnxTensor tensor(OrtSession.Result result, String name) {
    return (OnnxTensor)
        result
            .get(name)
            .orElseThrow(() -> new IllegalStateException("graph output '" + name + "' missing"));
  }

  private static float firstFloat(OrtSession.Result result, String name) {
    FloatBuffer buffer = tensor(result, name).getFloatBuffer();
    if (!buffer.hasRemaining()) {
      throw new IllegalStateException("graph output '" + name + "' is empty");
    }
    return buffer.get(0);
  }
}
