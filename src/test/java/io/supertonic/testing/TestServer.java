package io.supertonic.testing;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.cli.Main;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.server.SupertonicServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole server, in-process, on a random port, running the tiny model: what every end-to-end
 * test talks to. Close it after use.
 */
public final class TestServer implements AutoCloseable {
  private final Vertx vertx;
  private final SupertonicEngine engine;
  private final SupertonicServer server;

  private TestServer(Vertx vertx, SupertonicEngine engine, SupertonicServer server) {
    this.vertx = vertx;
    this.engine = engine;
    this.server = server;
  }

  public static TestServer start(Path tempDir) throws Exception {
    return start(tempDir, new JsonObject());
  }

  /**
   * @param overrides server config keys (as in conf/config.json) that differ from the test defaults
   */
  public static TestServer start(Path tempDir, JsonObject overrides) throws Exception {
    return start(tempDir, overrides, AudioEncoders.detect());
  }

  public static TestServer start(Path tempDir, JsonObject overrides, AudioEncoders encoders)
      throws Exception {
    Path modelDir = tinyModel(tempDir);
    SupertonicEngine engine = SupertonicEngine.load(EngineOptions.cpu(modelDir));
    // Each server in the test JVM gets its own meter registry, as separate processes would.
    String registry = "supertonic-test-" + UUID.randomUUID();
    Vertx vertx =
        Vertx.vertx(new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions(registry)));
    JsonObject config =
        new JsonObject()
            .put("host", "127.0.0.1")
            .put("port", 0)
            .put("voice", "F1")
            .put("lang", "en")
            .put("speed", 1.05)
            .put("total_steps", 4)
            .put("max_concurrent", 1)
            // -Dsupertonic.test.scheduler=fifo runs the suites with the other scheduler
            .put("scheduler", System.getProperty("supertonic.test.scheduler", "deadline"))
            .put("max_queue", 16)
            .put("max_input_chars", 20000)
            .put("ui", true)
            .put("ws_enabled", true)
            .put("observability_buffer_size", 100)
            .put("shutdown_grace_ms", 2000)
            .put("metrics_registry", registry)
            .mergeIn(overrides);
    try {
      SupertonicServer server =
          SupertonicServer.start(vertx, engine, encoders, config).await(60, TimeUnit.SECONDS);
      return new TestServer(vertx, engine, server);
    } catch (Exception e) {
      vertx.close().await(10, TimeUnit.SECONDS);
      engine.close();
      throw e;
    }
  }

  /**
   * Generates the tiny model under {@code dir/tiny-model} (once per directory) with the real CLI
   * command.
   */
  public static Path tinyModel(Path dir) {
    Path modelDir = dir.resolve("tiny-model");
    if (!Files.isRegularFile(modelDir.resolve("onnx/tts.json"))) {
      int exit = Main.commandLine().execute("tiny-model", "--out", modelDir.toString());
      if (exit != 0) {
        throw new IllegalStateException("tiny-model failed with exit code " + exit);
      }
    }
    return modelDir;
  }

  public int port() {
    return server.port();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  public Vertx vertx() {
    return vertx;
  }

  public SupertonicEngine engine() {
    return engine;
  }

  /** The running node, e.g. to stop it gracefully while a client is still reading. */
  public SupertonicServer node() {
    return server;
  }

  @Override
  public void close() throws Exception {
    try {
      server.stop().await(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
      engine.close();
    }
  }
}
