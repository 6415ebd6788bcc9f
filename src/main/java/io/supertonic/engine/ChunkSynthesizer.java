package io.supertonic.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.supertonic.engine.text.TextChunk;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
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

  /**
   * The denoising loop without an allocation per step: two latent tensors over direct buffers take
   * turns as input and as ONNX Runtime's pinned output (it writes the next latent straight into the
   * other one), and {@code current_step} is one tensor whose buffer is rewritten each step.
   */
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
    FloatBuffer first = direct(channels * frames);
    first.put(noise).rewind();
    FloatBuffer currentStep = direct(1);
    try (OnnxTensor a = OnnxTensor.createTensor(env, first, latentShape);
        OnnxTensor b = OnnxTensor.createTensor(env, direct(channels * frames), latentShape);
        OnnxTensor latentMask =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, frames});
        OnnxTensor total = OnnxTensor.createTensor(env, new float[] {totalSteps});
        OnnxTensor current = OnnxTensor.createTensor(env, currentStep, new long[] {1})) {
      Map<String, OnnxTensor> inputs = new HashMap<>();
      inputs.put("text_emb", textEmb);
      inputs.put("style_ttl", style.ttl());
      inputs.put("text_mask", textMask);
      inputs.put("latent_mask", latentMask);
      inputs.put("current_step", current);
      inputs.put("total_step", total);
      OnnxTensor in = a;
      OnnxTensor out = b;
      for (int step = 0; step < totalSteps; step++) {
        long stepStart = System.nanoTime();
        currentStep.put(0, step);
        inputs.put("noisy_latent", in);
        // Pinned output: the result owns nothing, so closing it frees nothing we still use.
        graphs.vectorEstimator.run(inputs, Map.of("denoised_latent", out)).close();
        OnnxTensor next = out;
        out = in;
        in = next;
        stepNanos[step] = System.nanoTime() - stepStart;
      }
      long vocStart = System.nanoTime();
      try (OrtSession.Result voiced = graphs.vocoder.run(Map.of("latent", in))) {
        FloatBuffer buffer = tensor(voiced, "wav_tts").getFloatBuffer();
        float[] wav = new float[Math.min(buffer.remaining(), shape.wavSamples())];
        buffer.get(wav);
        return new Voiced(wav, System.nanoTime() - vocStart);
      }
    }
  }

  /** A native-order direct buffer, which ONNX Runtime reads and writes in place. */
  static FloatBuffer direct(int floats) {
    return ByteBuffer.allocateDirect(floats * Float.BYTES)
        .order(ByteOrder.nativeOrder())
        .asFloatBuffer();
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
