package io.supertonic.engine.tiny;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.supertonic.engine.Device;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.ModelVariant;
import io.supertonic.engine.SupertonicEngine;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated graphs, run directly: the behaviour the engine tests rely on. */
class TinyModelTest {
  @TempDir static Path tmp;
  static Path model;
  static OrtEnvironment env;
  static SupertonicEngine
      engine; // loading it first initialises ONNX Runtime safely (see OrtRuntime)

  @BeforeAll
  static void write() throws Exception {
    model = TinyModelWriter.write(tmp.resolve("tiny"));
    // AUTO must end on a working provider list even where CUDA is absent.
    engine =
        SupertonicEngine.load(
            new EngineOptions(model, ModelVariant.SUPERTONIC_3, Device.AUTO, 1, 1, null));
    env = OrtEnvironment.getEnvironment();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void writesTheHuggingFaceLayout() {
    for (String f :
        List.of(
            "onnx/tts.json",
            "onnx/unicode_indexer.json",
            "onnx/duration_predictor.onnx",
            "onnx/text_encoder.onnx",
            "onnx/vector_estimator.onnx",
            "onnx/vocoder.onnx",
            "voice_styles/F1.json",
            "voice_styles/M5.json")) {
      assertTrue(Files.isRegularFile(model.resolve(f)), f);
    }
    List<String> providers = engine.info().providers();
    assertEquals("CPU", providers.get(providers.size() - 1), providers.toString());
  }

  @Test
  void vocoderEmitsExactlyOneFrameOfSamplesPerLatentStep() throws Exception {
    try (OrtSession vocoder = env.createSession(model.resolve("onnx/vocoder.onnx").toString());
        OnnxTensor latent =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(new float[144 * 7]), new long[] {1, 144, 7});
        OrtSession.Result r = vocoder.run(Map.of("latent", latent))) {
      long[] shape = ((OnnxTensor) r.get("wav_tts").orElseThrow()).getInfo().getShape();
      assertEquals(List.of(1L, 7L * 512 * 6), Arrays.stream(shape).boxed().toList());
    }
  }

  @Test
  void aFragileVocoderFailsInOnnxRuntimeAboveItsFrameLimitOnly() throws Exception {
    Path fragile = TinyModelWriter.write(tmp.resolve("fragile"), 12);
    try (OrtSession vocoder = env.createSession(fragile.resolve("onnx/vocoder.onnx").toString())) {
      for (int frames : new int[] {1, 12}) {
        try (OnnxTensor latent =
                OnnxTensor.createTensor(
                    env, FloatBuffer.wrap(new float[144 * frames]), new long[] {1, 144, frames});
            OrtSession.Result r = vocoder.run(Map.of("latent", latent))) {
          long[] shape = ((OnnxTensor) r.get("wav_tts").orElseThrow()).getInfo().getShape();
          assertEquals(frames * 512L * 6, shape[1]);
        }
      }
      try (OnnxTensor latent =
          OnnxTensor.createTensor(
              env, FloatBuffer.wrap(new float[144 * 13]), new long[] {1, 144, 13})) {
        ai.onnxruntime.OrtException failed =
            org.junit.jupiter.api.Assertions.assertThrows(
                ai.onnxruntime.OrtException.class, () -> vocoder.run(Map.of("latent", latent)));
        assertTrue(failed.getMessage().contains("Reshape"), failed.getMessage());
      }
    }
  }

  @Test
  void durationGrowsWithTextAndDependsOnTheVoice() throws Exception {
    float[] dpA = new float[128];
    float[] dpB = new float[128];
    Arrays.fill(dpB, 0.02f);
    try (OrtSession dp =
        env.createSession(model.resolve("onnx/duration_predictor.onnx").toString())) {
      float short1 = duration(dp, 10, dpA);
      float long1 = duration(dp, 40, dpA);
      float short2 = duration(dp, 10, dpB);
      assertTrue(long1 > 3.5 * short1, short1 + " vs " + long1);
      assertNotEquals(short1, short2, 1e-3);
    }
  }

  @Test
  void vectorEstimatorMovesTheLatentStepByStep() throws Exception {
    int l = 3;
    float[] noise = new float[144 * l];
    Arrays.fill(noise, 2f);
    float[] emb = new float[256 * 2];
    Arrays.fill(emb, 0.5f);
    float[] first;
    float[] second;
    try (OrtSession ve =
        env.createSession(model.resolve("onnx/vector_estimator.onnx").toString())) {
      first = step(ve, noise, emb, l, 0);
      second = step(ve, first, emb, l, 1);
    }
    assertNotEquals(noise[0], first[0], 1e-4);
    assertNotEquals(first[0], second[0], 1e-4);
  }

  private static float duration(OrtSession dp, int length, float[] styleDp) throws Exception {
    long[] ids = new long[length];
    Arrays.fill(ids, 5);
    float[] mask = new float[length];
    Arrays.fill(mask, 1f);
    try (OnnxTensor textIds =
            OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, length});
        OnnxTensor textMask =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), new long[] {1, 1, length});
        OnnxTensor style =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(styleDp), new long[] {1, 8, 16});
        OrtSession.Result r =
            dp.run(Map.of("text_ids", textIds, "style_dp", style, "text_mask", textMask))) {
      return ((OnnxTensor) r.get("duration").orElseThrow()).getFloatBuffer().get(0);
    }
  }

  private static float[] step(OrtSession ve, float[] x, float[] emb, int l, int current)
      throws Exception {
    float[] ones = new float[Math.max(l, 2)];
    Arrays.fill(ones, 1f);
    try (OnnxTensor latent =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {1, 144, l});
        OnnxTensor textEmb =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(emb), new long[] {1, 256, 2});
        OnnxTensor style =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(new float[50 * 256]), new long[] {1, 50, 256});
        OnnxTensor textMask =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(ones, 0, 2), new long[] {1, 1, 2});
        OnnxTensor latentMask =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(ones, 0, l), new long[] {1, 1, l});
        OnnxTensor cur = OnnxTensor.createTensor(env, new float[] {current});
        OnnxTensor total = OnnxTensor.createTensor(env, new float[] {4});
        OrtSession.Result r =
            ve.run(
                Map.of(
                    "noisy_latent",
                    latent,
                    "text_emb",
                    textEmb,
                    "style_ttl",
                    style,
                    "text_mask",
                    textMask,
                    "latent_mask",
                    latentMask,
                    "current_step",
                    cur,
                    "total_step",
                    total))) {
      FloatBuffer out = ((OnnxTensor) r.get("denoised_latent").orElseThrow()).getFloatBuffer();
      float[] next = new float[out.remaining()];
      out.get(next);
      return next;
    }
  }
}
