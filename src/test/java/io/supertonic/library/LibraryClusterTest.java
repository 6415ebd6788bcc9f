package io.supertonic.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.supertonic.audio.AudioEncoders;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.server.SupertonicServer;
import io.supertonic.testing.TestServer;
import io.supertonic.wyoming.WyomingTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lexicon and voice changes made on a gateway reach the worker at once, and a worker that joins
 * later (with no directories of its own) takes them from the running nodes.
 */
class LibraryClusterTest {
  @TempDir Path dir;
  private final String clusterName = "library-test-" + UUID.randomUUID();
  private final List<Vertx> nodes = new ArrayList<>();
  private final List<SupertonicEngine> engines = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : nodes) {
      v.close().await(60, TimeUnit.SECONDS);
    }
    engines.forEach(SupertonicEngine::close);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A clustered Vert.x with this test's own cluster name, joining the given members. */
  private Vertx node(int port, List<Integer> members) throws Exception {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(clusterName);
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig()
        .setEnabled(true)
        .setMembers(members.stream().map(p -> "127.0.0.1:" + p).toList());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    VertxOptions options =
        new VertxOptions()
            .setMetricsOptions(MetricsSetup.metricsOptions("library-" + UUID.randomUUID()))
            .setEventBusOptions(
                new EventBusOptions().setHost("127.0.0.1").setClusterPublicHost("127.0.0.1"));
    Vertx vertx =
        Vertx.builder()
            .with(options)
            .withClusterManager(new HazelcastClusterManager(config))
            .buildClustered()
            .await(120, TimeUnit.SECONDS);
    nodes.add(vertx);
    return vertx;
  }

  private static JsonObject config(String role) {
    return new JsonObject()
        .put("role", role)
        .put("host", "127.0.0.1")
        .put("port", 0)
        .put("total_steps", 2)
        .put("worker_wait_ms", 60_000)
        .put("metrics_registry", "library-" + role + "-" + UUID.randomUUID());
  }

  private SupertonicServer worker(Vertx vertx) throws Exception {
    SupertonicEngine engine = SupertonicEngine.load(EngineOptions.cpu(TestServer.tinyModel(dir)));
    engines.add(engine);
    return SupertonicServer.start(vertx, engine, null, config("worker"))
        .await(60, TimeUnit.SECONDS);
  }

  private HttpResponse<String> send(String base, String method, String path, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int pcmBytes(String base, String text, String voice) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/audio/speech"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject()
                            .put("input", text)
                            .put("voice", voice)
                            .put("seed", 9)
                            .put("response_format", "pcm")
                            .encode()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), () -> new String(response.body()));
    return response.body().length;
  }

  @Test
  void changesOnTheGatewayReachEveryWorkerIncludingOneThatJoinsLater() throws Exception {
    int workerPort = freePort();
    int gatewayPort = freePort();
    int latePort = freePort();
    Vertx firstWorker = node(workerPort, List.of(gatewayPort, latePort));
    Vertx gatewayNode = node(gatewayPort, List.of(workerPort, latePort));
    worker(firstWorker);
    SupertonicServer gateway =
        SupertonicServer.start(
                gatewayNode, null, AudioEncoders.detect(), config("gateway").put("wyoming_port", 0))
            .await(90, TimeUnit.SECONDS);
    String base = "http://127.0.0.1:" + gateway.port();

    String text = "Call Bob now.";
    int plain = pcmBytes(base, text, "F1");
    HttpResponse<String> lexicon =
        send(
            base,
            "PUT",
            "/v1/lexicon/en",
            "{\"entries\":[{\"word\":\"Bob\",\"say\":\"Robert of the very long name indeed\"}]}");
    assertEquals(200, lexicon.statusCode(), lexicon.body());
    int respelled = pcmBytes(base, text, "F1");
    assertTrue(respelled > plain * 2, plain + " → " + respelled);

    JsonObject style =
        new JsonObject(Files.readString(TestServer.tinyModel(dir).resolve("voice_styles/M2.json")));
    JsonObject dp = style.getJsonObject("style_dp");
    dp.put("data", halve(dp.getJsonArray("data")));
    HttpResponse<String> upload = send(base, "POST", "/v1/voices?id=guest", style.encode());
    assertEquals(201, upload.statusCode(), upload.body());
    int guest = pcmBytes(base, text, "guest");

    // A worker joins with no lexicon or voice directory, and the first one leaves.
    Vertx lateWorker = node(latePort, List.of(workerPort, gatewayPort));
    worker(lateWorker);
    nodes.remove(firstWorker);
    firstWorker.close().await(60, TimeUnit.SECONDS);

    assertEquals(respelled, pcmBytes(base, text, "F1"), "the lexicon came with the snapshot");
    assertEquals(guest, pcmBytes(base, text, "guest"), "so did the uploaded voice");

    // The gateway's Wyoming server (no model there) lists the uploaded voice and speaks with it.
    try (WyomingTestClient wyoming = new WyomingTestClient(gateway.wyomingPort())) {
      wyoming.send("describe");
      assertTrue(wyoming.read().data().encode().contains("\"guest@en\""));
      wyoming.send(
          "synthesize",
          new JsonObject()
              .put("text", text)
              .put("voice", new JsonObject().put("name", "guest@en")));
      int pcm = wyoming.readUntil("audio-stop").stream().mapToInt(e -> e.payload().length).sum();
      assertEquals(guest, pcm);
    }
  }

  private static JsonArray halve(JsonArray array) {
    JsonArray out = new JsonArray();
    for (Object v : array) {
      out.add(v instanceof JsonArray a ? halve(a) : ((Number) v).doubleValue() * 0.5);
    }
    return out;
  }
}
