package io.supertonic.engine.tiny;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a Supertonic-shaped model directory with random weights and the real model's compute
 * profile, for benchmarks: the four graphs keep the real contract and are sized from tts.json
 * (ConvNeXt widths, depths, kernel sizes and dilations, attention widths and heads, the vocoder's
 * head), about 97M parameters and 370 MB, so the CPU time per second of audio is comparable to the
 * real Supertonic-3. The audio is noise, not speech.
 *
 * <p>The config, indexer and voices are the ones the tiny model ships. Weights come from a seeded
 * generator in a fixed order, so the same seed writes the same bytes. A width divisor above 1
 * shrinks every hidden width (never a contract dimension) for tests that only check the contract.
 */
public final class BenchModelWriter {
  public static final long DEFAULT_SEED = 1234;

  /** What was written: parameters per graph and in total. */
  public record Summary(Map<String, Long> parameters) {
    public long total() {
      return parameters.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private BenchModelWriter() {}

  /** The full-size benchmark model. */
  public static Summary write(Path dir, long seed) throws IOException {
    return write(dir, seed, 1);
  }

  /**
   * @param widthDivisor 1 for the real widths; 8 gives a model ~60x smaller with the same contract
   */
  public static Summary write(Path dir, long seed, int widthDivisor) throws IOException {
    if (widthDivisor < 1) {
      throw new IllegalArgumentException("width divisor must be at least 1");
    }
    // The shipped config, indexer and voices, exactly as the tiny model writes them.
    TinyModelWriter.writeAssets(dir);
    Path onnx = dir.resolve("onnx");
    JsonObject cfg =
        new JsonObject(Files.readString(onnx.resolve("tts.json"), StandardCharsets.UTF_8));
    int vocab = vocabulary(onnx.resolve("unicode_indexer.json"));
    BenchGraphs graphs = new BenchGraphs(cfg, vocab, widthDivisor, seed);
    Map<String, Long> params = new LinkedHashMap<>();
    params.put(
        "duration_predictor", graphs.durationPredictor(onnx.resolve("duration_predictor.onnx")));
    params.put("text_encoder", graphs.textEncoder(onnx.resolve("text_encoder.onnx")));
    params.put("vector_estimator", graphs.vectorEstimator(onnx.resolve("vector_estimator.onnx")));
    params.put("vocoder", graphs.vocoder(onnx.resolve("vocoder.onnx")));
    return new Summary(params);
  }

  /** Token ids run from 0 to the indexer's largest entry. */
  static int vocabulary(Path indexer) throws IOException {
    JsonArray ids = new JsonArray(Files.readString(indexer, StandardCharsets.UTF_8));
    int max = 0;
    for (int i = 0; i < ids.size(); i++) {
      max = Math.max(max, ids.getInteger(i));
    }
    return max + 1;
  }
}
