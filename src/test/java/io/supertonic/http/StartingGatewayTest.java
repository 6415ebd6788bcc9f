package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.server.SupertonicServer;
import io.supertonic.testing.TestServer;
import io.supertonic.worker.SynthesisWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway whose workers have not joined yet answers on its port (503, "starting") instead of
 * refusing connections, and serves normally once a worker appears.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StartingGatewayTest {
  @TempDir Path dir;
  private Vertx vertx;
  private SupertonicEngine engine;

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
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

  /** The response once the port accepts connections (polled: the port opens asynchronously). */
  private static HttpResponse<String> whenOpen(HttpClient http, HttpRequest request)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (java.net.ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the gateway's port never opened", e);
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void theGatewaysPortAnswers503UntilAWorkerJoinsThenServes() throws Exception {
    String registry = "starting-gateway-" + UUID.randomUUID();
    vertx =
        Vertx.vertx(new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions(registry)));
    int port = freePort();
    JsonObject config =
        new JsonObject()
            .put("role", "gateway")
            .put("host", "127.0.0.1")
            .put("port", port)
            .put("total_steps", 4)
            .put("worker_wait_ms", 60_000)
            .put("metrics_registry", registry);
    Future<SupertonicServer> gateway =
        SupertonicServer.start(vertx, null, AudioEncoders.detect(), config);
    HttpClient http = HttpClient.newHttpClient();
    String base = "http://127.0.0.1:" + port;

    HttpResponse<String> ready =
        whenOpen(http, HttpRequest.newBuilder(URI.create(base + "/readyz")).build());
    assertEquals(503, ready.statusCode());
    assertEquals("DOWN", new JsonObject(ready.body()).getString("status"));
    HttpResponse<String> speech =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/audio/speech"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":\"Too early.\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(503, speech.statusCode());
    assertEquals("1", speech.headers().firstValue("Retry-After").orElse(null));
    JsonObject error = new JsonObject(speech.body()).getJsonObject("error");
    assertEquals("no_worker", error.getString("code"));
    assertEquals("server_busy_error", error.getString("type"));

    // A worker appears: the gateway finishes starting and serves.
    engine = SupertonicEngine.load(EngineOptions.cpu(TestServer.tinyModel(dir)));
    vertx
        .deployVerticle(
            new SynthesisWorkerVerticle(engine), new DeploymentOptions().setConfig(config))
        .await(30, TimeUnit.SECONDS);
    assertEquals(port, gateway.await(30, TimeUnit.SECONDS).port());
    // Ready once the gateway's worker directory has heard the worker's advertisement (sent at
    // start and every second): bounded by the advertisement interval plus slack, not a fixed sleep.
    long readyBy = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    int status;
    do {
      status =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/readyz")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      if (status != 200) {
        Thread.sleep(50);
      }
    } while (status != 200 && System.nanoTime() < readyBy);
    assertEquals(200, status, "/readyz within 5 s of the gateway's start completing");
  }
}
