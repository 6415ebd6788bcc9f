package io.supertonic.engine.tiny;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark model's generator, on a variant with every hidden width divided by 16 (the full
 * model is 370 MB and is never built in tests): the engine accepts its contract, and the same seed
 * writes the same bytes.
 */
class BenchModelTest {
  private static final int DIVISOR = 16;
  private static final List<String> GRAPHS =
      List.of("duration_predictor", "text_encoder", "vector_estimator", "vocoder");

  @TempDir Path tmp;

  @Test
  void theEngineLoadsItAndSpeaksForAsLongAsTheDurationPredictorSays() throws Exception {
    Path dir = tmp.resolve("bench");
    BenchModelWriter.Summary summary = BenchModelWriter.write(dir, 7, DIVISOR);
    assertEquals(GRAPHS, List.copyOf(summary.parameters().keySet()));
    assertTrue(summary.total() > 0);
    try (SupertonicEngine engine = SupertonicEngine.load(EngineOptions.cpu(dir))) {
      SynthesisJob job =
          engine.start(new SynthesisParams("The quick brown fox jumps.", "M2", "en", 1.0, 2, 3));
      AudioChunk chunk = job.next();
      assertFalse(job.hasNext());
      // duration = 0.065 s per text unit (language tags included) times a factor in [0.9, 1.1]
      int units = chunk.text().length();
      assertTrue(
          chunk.predictedSeconds() > 0.05 * units && chunk.predictedSeconds() < 0.08 * units,
          chunk.predictedSeconds() + " s for " + units + " units");
      assertEquals((int) (chunk.predictedSeconds() * 44100), chunk.pcm().length);
      long nonZero = 0;
      for (short s : chunk.pcm()) {
        nonZero += s != 0 ? 1 : 0;
      }
      assertTrue(nonZero > chunk.pcm().length / 2, "the vocoder makes noise, not silence");
    }
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedOtherWeights() throws Exception {
    BenchModelWriter.write(tmp.resolve("a"), 11, DIVISOR);
    BenchModelWriter.write(tmp.resolve("b"), 11, DIVISOR);
    BenchModelWriter.write(tmp.resolve("c"), 12, DIVISOR);
    for (String graph : GRAPHS) {
      String file = "onnx/" + graph + ".onnx";
      byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(file));
      assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b").resolve(file)), file);
      assertFalse(
          java.util.Arrays.equals(a, Files.readAllBytes(tmp.resolve("c").resolve(file))), file);
    }
    assertArrayEquals(
        Files.readAllBytes(tmp.resolve("a/voice_styles/F1.json")),
        Files.readAllBytes(tmp.resolve("c/voice_styles/F1.json")));
  }
}
