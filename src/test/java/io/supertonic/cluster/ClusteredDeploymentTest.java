package io.supertonic.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.server.SupertonicServer;
import io.supertonic.testing.DecodedAudio;
import io.supertonic.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes on a clustered event bus in one JVM: a gateway without a model and a worker with the
 * tiny model. Requests to the gateway are synthesized on the worker and stream back across the
 * cluster.
 */
class ClusteredDeploymentTest {
  @TempDir Path dir;
  // Other tests (and other checkouts) may run clusters on this machine at the same time.
  private final String clusterName = "deployment-test-" + UUID.randomUUID();
  private Vertx workerVertx;
  private Vertx gatewayVertx;
  private SupertonicEngine engine;

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : new Vertx[] {gatewayVertx, workerVertx}) {
      if (v != null) {
        v.close().await(60, TimeUnit.SECONDS);
      }
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static JsonObject config(String role) {
    return new JsonObject()
        .put("role", role)
        .put("host", "127.0.0.1")
        .put("port", 0)
        .put("total_steps", 4)
        .put("max_concurrent", 1)
        .put("max_queue", 4)
        .put("worker_wait_ms", 60_000)
        .put("metrics_registry", "cluster-" + role + "-" + UUID.randomUUID());
  }

  private Vertx node(int port, int otherPort, String registry) throws Exception {
    VertxOptions options =
        new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions(registry));
    return ClusteredVertx.start(
            options, ClusterSettings.loopback(clusterName, port, List.of("127.0.0.1:" + otherPort)))
        .await(120, TimeUnit.SECONDS);
  }

  /** A worker node with the tiny model and a gateway node without one; returns the gateway. */
  private SupertonicServer startWorkerAndGateway() throws Exception {
    int workerPort = freePort();
    int gatewayPort = freePort();
    JsonObject workerConfig = config("worker");
    JsonObject gatewayConfig = config("gateway");
    workerVertx = node(workerPort, gatewayPort, workerConfig.getString("metrics_registry"));
    gatewayVertx = node(gatewayPort, workerPort, gatewayConfig.getString("metrics_registry"));
    engine = SupertonicEngine.load(EngineOptions.cpu(TestServer.tinyModel(dir)));
    SupertonicServer worker =
        SupertonicServer.start(workerVertx, engine, AudioEncoders.detect(), workerConfig)
            .await(60, TimeUnit.SECONDS);
    assertEquals(-1, worker.port(), "a worker node serves no HTTP");
    return SupertonicServer.start(gatewayVertx, null, AudioEncoders.detect(), gatewayConfig)
        .await(90, TimeUnit.SECONDS);
  }

  @Test
  void aGatewayWithoutAModelServesSpeechFromAWorkerNode() throws Exception {
    SupertonicServer gateway = startWorkerAndGateway();

    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + gateway.port();
    HttpResponse<byte[]> speech =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject()
                            .put("input", "Across the cluster. Chunk by chunk.")
                            .put("voice", "echo")
                            .put("response_format", "wav")
                            .put("seed", 5)
                            .encode()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, speech.statusCode(), () -> new String(speech.body()));
    assertEquals("M4", speech.headers().firstValue("X-Voice").orElseThrow());
    DecodedAudio audio = DecodedAudio.wav(speech.body());
    assertEquals(44100, audio.sampleRate());
    assertFalse(audio.isSilent());

    // The same seed on the worker's own engine gives the same samples: nothing was lost crossing
    // nodes.
    java.io.ByteArrayOutputStream local = new java.io.ByteArrayOutputStream();
    var job =
        engine.start(
            new SynthesisParams("Across the cluster. Chunk by chunk.", "M4", "en", 1.05, 4, 5));
    while (job.hasNext()) {
      local.write(io.supertonic.audio.Pcm16.toLittleEndian(job.next().pcm()));
    }
    assertArrayEquals(
        io.supertonic.audio.Pcm16.fromLittleEndian(local.toByteArray()), audio.samples());

    JsonObject health =
        new JsonObject(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertEquals("supertonic-3", health.getString("model"));
    HttpResponse<String> ready =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, ready.statusCode(), ready.body());
  }

  @Test
  void aClientLeavingTheGatewayCancelsTheSynthesisOnTheWorker() throws Exception {
    SupertonicServer gateway = startWorkerAndGateway();

    java.util.concurrent.CompletableFuture<JsonObject> cancelled =
        new java.util.concurrent.CompletableFuture<>();
    gatewayVertx
        .eventBus()
        .<JsonObject>localConsumer(
            io.supertonic.bus.Addresses.METRICS_RECORD,
            m -> {
              if ("cancelled".equals(m.body().getString("status"))) {
                cancelled.complete(m.body());
              }
            })
        .completion()
        .await(10, TimeUnit.SECONDS);

    String longText = "A sentence that keeps the worker busy for a while. ".repeat(150);
    HttpResponse<InputStream> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/v1/audio/speech"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            new JsonObject()
                                .put("input", longText)
                                .put("response_format", "pcm")
                                .encode()))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    InputStream in = response.body();
    assertEquals(4096, in.readNBytes(4096).length);
    in.close();
    assertEquals("http", cancelled.get(60, TimeUnit.SECONDS).getString("transport"));
    // The worker node is free again: its ping reports nothing running.
    JsonObject ping =
        gatewayVertx
            .eventBus()
            .<JsonObject>request(io.supertonic.bus.Addresses.WORKER_PING, null)
            .await(10, TimeUnit.SECONDS)
            .body();
    assertEquals(0, ping.getInteger("running"));
    assertTrue(ping.getJsonArray("voices").contains("F1"));
  }
}
