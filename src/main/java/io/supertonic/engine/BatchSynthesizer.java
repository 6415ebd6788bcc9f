package io.supertonic.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.supertonic.engine.text.TextChunk;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several chunks, from different requests, through the four graphs as one batch, as upstream's
 * batch inference does: texts padded to the longest with {@code text_mask} covering the padding,
 * latents padded to the longest with {@code latent_mask}, and {@code current_step} / {@code
 * total_step} given per item. An item with fewer steps leaves the batch when it is done, so items
 * with different step counts share the calls they have in common; {@link #step} runs one denoising
 * iteration over any set of items at any steps, the building block for iteration-level batching.
 */
final class BatchSynthesizer {
  /** One chunk to synthesize; {@code silence} samples go in front of its audio. */
  record Item(
      TextChunk chunk, StyleSource style, double speed, int totalSteps, long seed, int silence) {}

  /** A chunk between its text encoding and its vocoder: its own latent, step and conditioning. */
  static final class Denoising {
    final Item item;
    final LatentShape shape;
    final float[] textEmb; // [256, T]
    final float[] styleTtl; // [50, 256]
    final int textLength;
    float[] latent; // [C, L]
    int step;
    double predictedSeconds;

    Denoising(Item item, LatentShape shape, float[] textEmb, float[] styleTtl, float[] latent) {
      this.item = item;
      this.shape = shape;
      this.textEmb = textEmb;
      this.styleTtl = styleTtl;
      this.textLength = item.chunk().ids().length;
      this.latent = latent;
    }

    boolean done() {
      return step >= item.totalSteps();
    }
  }

  private static final int TEXT_EMB_CHANNELS = 256;

  private final OrtEnvironment env;
  private final ModelGraphs graphs;
  private final ModelConfig config;

  BatchSynthesizer(OrtEnvironment env, ModelGraphs graphs, ModelConfig config) {
    this.env = env;
    this.graphs = graphs;
    this.config = config;
  }

  /** The audio of every item, in order. */
  List<AudioChunk> synthesize(List<Item> items) throws OrtException {
    long start = System.nanoTime();
    Encoded encoded = encode(items);
    List<Denoising> states = encoded.states();
    int maxSteps = items.stream().mapToInt(Item::totalSteps).max().orElse(0);
    long[] stepNanos = new long[maxSteps];
    List<Denoising> active = new ArrayList<>(states);
    for (int i = 0; !active.isEmpty(); i++) {
      long t = System.nanoTime();
      step(active);
      stepNanos[i] = System.nanoTime() - t;
      active.removeIf(Denoising::done);
    }
    long vocStart = System.nanoTime();
    List<float[]> wavs = vocode(states);
    long vocNanos = System.nanoTime() - vocStart;
    long total = System.nanoTime() - start;
    List<AudioChunk> out = new ArrayList<>(items.size());
    for (int i = 0; i < states.size(); i++) {
      Denoising s = states.get(i);
      long[] own = java.util.Arrays.copyOf(stepNanos, s.item.totalSteps());
      // Stage times are the batch's: every item waited for the whole call.
      StageTimings timings =
          new StageTimings(encoded.dpNanos(), encoded.teNanos(), own, vocNanos, total);
      out.add(audio(s, wavs.get(i), timings));
    }
    return out;
  }

  /** A denoised and vocoded item's audio: trimmed, clipped, int16, after its silence. */
  static AudioChunk audio(Denoising s, float[] wav, StageTimings timings) {
    short[] pcm = ChunkSynthesizer.toPcm(wav, s.shape.wavSamples(), s.item.silence());
    return new AudioChunk(
        s.item.chunk().index(), s.item.chunk().text(), pcm, s.predictedSeconds, timings);
  }

  record Encoded(List<Denoising> states, long dpNanos, long teNanos) {}

  /** Duration predictor and text encoder over the padded batch, then each item's noise latent. */
  Encoded encode(List<Item> items) throws OrtException {
    int b = items.size();
    int tMax = items.stream().mapToInt(i -> i.chunk().ids().length).max().orElse(1);
    long[] ids = new long[b * tMax];
    float[] textMask = new float[b * tMax];
    float[] styleTtl = null;
    float[] styleDp = null;
    float[][] ttlRows = new float[b][];
    for (int i = 0; i < b; i++) {
      long[] own = items.get(i).chunk().ids();
      System.arraycopy(own, 0, ids, i * tMax, own.length);
      java.util.Arrays.fill(textMask, i * tMax, i * tMax + own.length, 1f);
      float[] ttl = items.get(i).style().ttl();
      float[] dp = items.get(i).style().dp();
      if (styleTtl == null) {
        styleTtl = new float[b * ttl.length];
        styleDp = new float[b * dp.length];
      }
      ttlRows[i] = ttl;
      System.arraycopy(ttl, 0, styleTtl, i * ttl.length, ttl.length);
      System.arraycopy(dp, 0, styleDp, i * dp.length, dp.length);
    }
    int ttlRow = ttlRows[0].length;
    int dpRow = styleDp.length / b;
    float[] durations = new float[b];
    float[] textEmb;
    long dpNanos;
    long teNanos;
    try (OnnxTensor idsT =
            OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {b, tMax});
        OnnxTensor maskT =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(textMask), new long[] {b, 1, tMax});
        OnnxTensor ttlT =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(styleTtl), new long[] {b, 50, ttlRow / 50});
        OnnxTensor dpT =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(styleDp), new long[] {b, 8, dpRow / 8})) {
      long t0 = System.nanoTime();
      try (OrtSession.Result r =
          graphs.durationPredictor.run(
              Map.of("text_ids", idsT, "style_dp", dpT, "text_mask", maskT))) {
        output(r, "duration").getFloatBuffer().get(durations);
      }
      long t1 = System.nanoTime();
      dpNanos = t1 - t0;
      try (OrtSession.Result r =
          graphs.textEncoder.run(Map.of("text_ids", idsT, "style_ttl", ttlT, "text_mask", maskT))) {
        FloatBuffer buffer = output(r, "text_emb").getFloatBuffer();
        textEmb = new float[buffer.remaining()];
        buffer.get(textEmb);
      }
      teNanos = System.nanoTime() - t1;
    }
    int channels = config.latentChannels();
    List<Denoising> states = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Item item = items.get(i);
      double seconds = durations[i] / item.speed();
      LatentShape shape = LatentShape.of(seconds, config);
      int t = item.chunk().ids().length;
      float[] emb = new float[TEXT_EMB_CHANNELS * t];
      for (int c = 0; c < TEXT_EMB_CHANNELS; c++) {
        System.arraycopy(textEmb, (i * TEXT_EMB_CHANNELS + c) * tMax, emb, c * t, t);
      }
      // The same noise as the chunk would get alone: it depends on (seed, chunk index) only.
      float[] noise =
          LatentNoise.sample(item.seed(), item.chunk().index(), channels * shape.latentFrames());
      Denoising state = new Denoising(item, shape, emb, ttlRows[i], noise);
      state.predictedSeconds = seconds;
      states.add(state);
    }
    return new Encoded(states, dpNanos, teNanos);
  }

  /**
   * One vector-estimator call for every given item, each at its own step; advances their latents
   * and steps. Items may have different text and latent lengths (padded and masked here).
   */
  void step(List<Denoising> items) throws OrtException {
    int b = items.size();
    int channels = config.latentChannels();
    int tMax = items.stream().mapToInt(s -> s.textLength).max().orElse(1);
    int lMax = items.stream().mapToInt(s -> s.shape.latentFrames()).max().orElse(1);
    int ttlRow = items.get(0).styleTtl.length;
    float[] latent = new float[b * channels * lMax];
    float[] latentMask = new float[b * lMax];
    float[] textEmb = new float[b * TEXT_EMB_CHANNELS * tMax];
    float[] textMask = new float[b * tMax];
    float[] styleTtl = new float[b * ttlRow];
    float[] current = new float[b];
    float[] total = new float[b];
    for (int i = 0; i < b; i++) {
      Denoising s = items.get(i);
      int l = s.shape.latentFrames();
      for (int c = 0; c < channels; c++) {
        System.arraycopy(s.latent, c * l, latent, (i * channels + c) * lMax, l);
      }
      java.util.Arrays.fill(latentMask, i * lMax, i * lMax + l, 1f);
      for (int c = 0; c < TEXT_EMB_CHANNELS; c++) {
        System.arraycopy(
            s.textEmb, c * s.textLength, textEmb, (i * TEXT_EMB_CHANNELS + c) * tMax, s.textLength);
      }
      java.util.Arrays.fill(textMask, i * tMax, i * tMax + s.textLength, 1f);
      System.arraycopy(s.styleTtl, 0, styleTtl, i * ttlRow, ttlRow);
      current[i] = s.step;
      total[i] = s.item.totalSteps();
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("noisy_latent", tensor(latent, b, channels, lMax));
      inputs.put("text_emb", tensor(textEmb, b, TEXT_EMB_CHANNELS, tMax));
      inputs.put("style_ttl", tensor(styleTtl, b, 50, ttlRow / 50));
      inputs.put("text_mask", tensor(textMask, b, 1, tMax));
      inputs.put("latent_mask", tensor(latentMask, b, 1, lMax));
      inputs.put("current_step", tensor(current, b));
      inputs.put("total_step", tensor(total, b));
      try (OrtSession.Result r = graphs.vectorEstimator.run(inputs)) {
        FloatBuffer next = output(r, "denoised_latent").getFloatBuffer();
        for (int i = 0; i < b; i++) {
          Denoising s = items.get(i);
          int l = s.shape.latentFrames();
          for (int c = 0; c < channels; c++) {
            next.get((i * channels + c) * lMax, s.latent, c * l, l);
          }
          s.step++;
        }
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /**
   * The inputs of one item's denoising steps alone, built once and reused step after step: direct
   * buffers that ONNX Runtime reads and writes in place, so a chunk worked on slice by slice
   * allocates nothing per step (a batch of one through {@link #step} would allocate and free every
   * tensor each step). The item's own latent stays the authority; it is copied in and out.
   */
  static final class Solo implements AutoCloseable {
    private final FloatBuffer latentIn;
    private final FloatBuffer latentOut;
    private final FloatBuffer current;
    private final OnnxTensor out;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();

    private Solo(OrtEnvironment env, Denoising s, int channels) throws OrtException {
      int l = s.shape.latentFrames();
      int t = s.textLength;
      long[] latentShape = {1, channels, l};
      latentIn = ChunkSynthesizer.direct(channels * l);
      latentOut = ChunkSynthesizer.direct(channels * l);
      current = ChunkSynthesizer.direct(1);
      try {
        inputs.put("noisy_latent", OnnxTensor.createTensor(env, latentIn, latentShape));
        out = OnnxTensor.createTensor(env, latentOut, latentShape);
        inputs.put(
            "text_emb",
            OnnxTensor.createTensor(
                env,
                ChunkSynthesizer.direct(s.textEmb.length).put(s.textEmb).rewind(),
                new long[] {1, TEXT_EMB_CHANNELS, t}));
        inputs.put(
            "style_ttl",
            OnnxTensor.createTensor(
                env,
                ChunkSynthesizer.direct(s.styleTtl.length).put(s.styleTtl).rewind(),
                new long[] {1, 50, s.styleTtl.length / 50}));
        inputs.put("text_mask", OnnxTensor.createTensor(env, ones(t), new long[] {1, 1, t}));
        inputs.put("latent_mask", OnnxTensor.createTensor(env, ones(l), new long[] {1, 1, l}));
        inputs.put(
            "total_step",
            OnnxTensor.createTensor(
                env, ChunkSynthesizer.direct(1).put(0, s.item.totalSteps()), new long[] {1}));
        inputs.put("current_step", OnnxTensor.createTensor(env, current, new long[] {1}));
      } catch (OrtException | RuntimeException e) {
        close();
        throw e;
      }
    }

    private static FloatBuffer ones(int n) {
      FloatBuffer b = ChunkSynthesizer.direct(n);
      for (int i = 0; i < n; i++) {
        b.put(i, 1f);
      }
      return b;
    }

    @Override
    public void close() {
      inputs.values().forEach(OnnxTensor::close);
      inputs.clear();
      if (out != null) {
        out.close();
      }
    }
  }

  /** The reusable inputs of {@code s}'s steps alone; close them when the chunk is done. */
  Solo solo(Denoising s) throws OrtException {
    return new Solo(env, s, config.latentChannels());
  }

  /** One denoising step of one item through its {@link Solo} inputs; advances its latent. */
  void stepAlone(Denoising s, Solo t) throws OrtException {
    t.latentIn.rewind();
    t.latentIn.put(s.latent).rewind();
    t.current.put(0, s.step);
    // Pinned output: ONNX Runtime writes the next latent straight into t.latentOut.
    graphs.vectorEstimator.run(t.inputs, Map.of("denoised_latent", t.out)).close();
    t.latentOut.rewind();
    t.latentOut.get(s.latent).rewind();
    s.step++;
  }

  /** The vocoder over the padded batch; each item's waveform up to its own length. */
  List<float[]> vocode(List<Denoising> items) throws OrtException {
    int b = items.size();
    int channels = config.latentChannels();
    int lMax = items.stream().mapToInt(s -> s.shape.latentFrames()).max().orElse(1);
    float[] latent = new float[b * channels * lMax];
    for (int i = 0; i < b; i++) {
      Denoising s = items.get(i);
      int l = s.shape.latentFrames();
      for (int c = 0; c < channels; c++) {
        System.arraycopy(s.latent, c * l, latent, (i * channels + c) * lMax, l);
      }
    }
    List<float[]> out = new ArrayList<>(b);
    try (OnnxTensor in = tensor(latent, b, channels, lMax);
        OrtSession.Result r = graphs.vocoder.run(Map.of("latent", in))) {
      FloatBuffer wav = output(r, "wav_tts").getFloatBuffer();
      int row = wav.remaining() / b;
      for (int i = 0; i < b; i++) {
        float[] own = new float[Math.min(row, items.get(i).shape.wavSamples())];
        wav.get(i * row, own, 0, own.length);
        out.add(own);
      }
    }
    return out;
  }

  private OnnxTensor tensor(float[] data, long... shape) throws OrtException {
    return OnnxTensor.createTensor(env, FloatBuffer.wrap(data), shape);
  }

  private static OnnxTensor output(OrtSession.Result result, String name) {
    return (OnnxTensor)
        result
            .get(name)
            .orElseThrow(() -> new IllegalStateException("graph output '" + name + "' missing"));
  }
}
