package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.supertonic.config.LayeredDefaults;
import io.supertonic.engine.ModelInfo;
import io.supertonic.worker.WorkerSettings;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --max-batch defaults per device: 1 when only the CPU runs the model, 8 with an accelerator. */
class MaxBatchDefaultTest {
  private static final List<String> CPU = List.of("CPU");
  private static final List<String> CUDA = List.of("CUDA", "CPU");
  private static final List<String> COREML = List.of("CoreML", "CPU");

  /** The worker's settings on a model loaded with these providers. */
  private static WorkerSettings settings(JsonObject config, List<String> providers) {
    return WorkerSettings.fromJson(
        config, new ModelInfo("supertonic-3", 44100, List.of(), List.of(), providers).accelerated());
  }

  private static JsonObject config(Map<String, String> env, String... args) {
    ServeCommand serve = new ServeCommand();
    LayeredDefaults layers = new LayeredDefaults(new JsonObject(), env);
    new CommandLine(serve).setDefaultValueProvider(layers).parseArgs(args);
    return serve.serverConfig(layers);
  }

  @Test
  void withoutTheFlagTheWorkerPicksByDevice() {
    JsonObject config = config(Map.of());
    assertFalse(config.containsKey("max_batch"));
    assertEquals(1, settings(config, CPU).maxBatch());
    assertEquals(8, settings(config, CUDA).maxBatch());
    assertEquals(8, settings(config, COREML).maxBatch());
  }

  @Test
  void theFlagOrTheEnvironmentWinsOnEveryDevice() {
    for (JsonObject config :
        List.of(config(Map.of(), "--max-batch", "3"), config(Map.of("SUPERTONIC_MAX_BATCH", "3")))) {
      assertEquals(3, settings(config, CPU).maxBatch());
      assertEquals(3, settings(config, CUDA).maxBatch());
    }
    assertEquals(1, settings(config(Map.of(), "--max-batch", "1"), CUDA).maxBatch());
  }

  @Test
  void anOutOfRangeBatchIsRefusedBeforeTheModelLoads() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> config(Map.of(), "--max-batch", "0"));
    assertEquals("--max-batch must be between 1 and 64, got 0", e.getMessage());
  }
}
