package io.supertonic.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routes on a real HTTP server, with Vert.x created from {@link MetricsSetup#metricsOptions},
 * so {@code /metrics} also carries the JVM and Vert.x families.
 */
class MetricsRoutesTest {
  private static final double[] TTFB = {
    481.4, 455.0, 700.25, 520.0, 610.5, 390.0, 505.0, 530.0, 660.0, 470.0
  };
  private static final double[] RTF = {0.2, 0.18, 0.25, 0.31, 0.22, 0.19, 0.21, 0.2, 0.24, 0.23};

  private Vertx vertx;
  private WebClient client;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    String registry = "test-" + UUID.randomUUID();
    vertx =
        Vertx.vertx(new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions(registry)));
    await(vertx.deployVerticle(new MetricsVerticle(20, registry)));
    Router router = new MetricsRoutes(vertx).mount(Router.router(vertx));
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    port = server.actualPort();
    client = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  private void record(RequestRecord r) throws Exception {
    await(vertx.eventBus().request(Addresses.METRICS_RECORD, r.toJson()));
  }

  private void recordSample() throws Exception {
    for (int i = 0; i < TTFB.length; i++) {
      record(Records.ok("r" + i, TTFB[i], RTF[i], 1000, 1.5));
    }
    record(Records.error("e1"));
    record(Records.cancelled("c1", 200));
    await(vertx.eventBus().request(Addresses.METRICS_ACTIVE, new JsonObject().put("active", 1)));
  }

  private HttpResponse<Buffer> get(String uri) throws Exception {
    return await(client.get(port, "127.0.0.1", uri).send());
  }

  @Test
  void prometheusTextHasTheSeedFamiliesWithTypesAndValues() throws Exception {
    recordSample();
    HttpResponse<Buffer> response = get("/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(
        response.getHeader("Content-Type").startsWith("text/plain; version=0.0.4"),
        response.getHeader("Content-Type"));

    Map<String, PrometheusText.Family> families = PrometheusText.parse(response.bodyAsString());

    PrometheusText.Family requests = family(families, "supertonic_requests_total", "counter");
    assertEquals(10.0, requests.value("supertonic_requests_total", Map.of("status", "ok")));
    assertEquals(1.0, requests.value("supertonic_requests_total", Map.of("status", "error")));
    assertEquals(1.0, requests.value("supertonic_requests_total", Map.of("status", "cancelled")));
    assertNotNull(requests.help);

    PrometheusText.Family ttfb = family(families, "supertonic_ttfb_ms", "summary");
    assertEquals(512.5, ttfb.value("supertonic_ttfb_ms", Map.of("quantile", "0.5")));
    assertEquals(682.14, ttfb.value("supertonic_ttfb_ms", Map.of("quantile", "0.95")));
    assertEquals(696.63, ttfb.value("supertonic_ttfb_ms", Map.of("quantile", "0.99")));
    assertEquals(10.0, ttfb.value("supertonic_ttfb_ms_count", Map.of()));
    assertEquals(5322.15, ttfb.value("supertonic_ttfb_ms_sum", Map.of()), 1e-9);

    PrometheusText.Family rtf = family(families, "supertonic_rtf", "summary");
    assertEquals(0.215, rtf.value("supertonic_rtf", Map.of("quantile", "0.5")));
    assertEquals(0.283, rtf.value("supertonic_rtf", Map.of("quantile", "0.95")));
    assertEquals(0.3046, rtf.value("supertonic_rtf", Map.of("quantile", "0.99")));
    assertEquals(10.0, rtf.value("supertonic_rtf_count", Map.of()));

    assertEquals(
        1.0,
        family(families, "supertonic_active_synth", "gauge")
            .value("supertonic_active_synth", Map.of()));
    assertEquals(
        0.0,
        family(families, "supertonic_queued_synth", "gauge")
            .value("supertonic_queued_synth", Map.of()));
    assertEquals(
        10_200.0,
        family(families, "supertonic_bytes_total", "counter")
            .value("supertonic_bytes_total", Map.of()));
    assertEquals(
        15.0,
        family(families, "supertonic_audio_seconds_total", "counter")
            .value("supertonic_audio_seconds_total", Map.of()));
    assertEquals(
        0.2, family(families, "supertonic_rps_1m", "gauge").value("supertonic_rps_1m", Map.of()));
    assertEquals(
        round4(1.0 / 12),
        family(families, "supertonic_error_rate", "gauge")
            .value("supertonic_error_rate", Map.of()));
    double uptime =
        family(families, "supertonic_uptime_seconds", "gauge")
            .value("supertonic_uptime_seconds", Map.of());
    assertTrue(uptime >= 0, "uptime " + uptime);

    assertTrue(families.keySet().stream().anyMatch(n -> n.startsWith("jvm_")), "no jvm_ metrics");
    assertTrue(
        families.keySet().stream().anyMatch(n -> n.startsWith("vertx_")), "no vertx_ metrics");
  }

  @Test
  void countersDoNotResetWhenTheBufferEvicts() throws Exception {
    for (int i = 0; i < 45; i++) {
      record(Records.ok("r" + i, 100, 0.1, 10, 1.0));
    }
    Map<String, PrometheusText.Family> families =
        PrometheusText.parse(get("/metrics").bodyAsString());
    assertEquals(
        45.0,
        families
            .get("supertonic_requests_total")
            .value("supertonic_requests_total", Map.of("status", "ok")));
    assertEquals(
        450.0, families.get("supertonic_bytes_total").value("supertonic_bytes_total", Map.of()));
    assertEquals(
        45.0, families.get("supertonic_ttfb_ms").value("supertonic_ttfb_ms_count", Map.of()));
  }

  @Test
  void summaryIsTheVerticlesJson() throws Exception {
    recordSample();
    HttpResponse<Buffer> response = get("/metrics/summary");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.getHeader("Content-Type"));
    JsonObject s = response.bodyAsJsonObject();
    assertEquals(1, s.getInteger("active"));
    assertEquals(12, s.getJsonObject("totals").getInteger("requests"));
    JsonObject window = s.getJsonObject("window");
    assertEquals(20, window.getInteger("buffer_capacity"));
    assertEquals(12, window.getInteger("buffer_used"));
    assertEquals(0.0833, window.getDouble("error_rate"));
    assertEquals(682.14, window.getJsonObject("ttfb_ms").getDouble("p95"));
    assertTrue(s.containsKey("uptime_s"));
    assertTrue(window.containsKey("rps_5m"));
  }

  @Test
  void recentReturnsNewestFirstCappedAtTheBuffer() throws Exception {
    for (int i = 1; i <= 30; i++) {
      record(Records.ok("r" + i, 100, 0.1, 10, 1.0));
    }
    JsonArray two = get("/metrics/recent?limit=2").bodyAsJsonObject().getJsonArray("data");
    assertEquals(
        List.of("r30", "r29"), two.stream().map(o -> ((JsonObject) o).getString("id")).toList());

    JsonArray all = get("/metrics/recent?limit=5000").bodyAsJsonObject().getJsonArray("data");
    assertEquals(20, all.size());
    assertEquals("r11", all.getJsonObject(19).getString("id"));

    assertEquals(20, get("/metrics/recent").bodyAsJsonObject().getJsonArray("data").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-3", "1.5", "", "99999999999999999999"})
  void recentRejectsBadLimitWithAnOpenAiError(String limit) throws Exception {
    HttpResponse<Buffer> response = get("/metrics/recent?limit=" + limit);
    assertEquals(400, response.statusCode());
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals("invalid_request_error", error.getString("type"));
    assertEquals("limit", error.getString("param"));
    assertEquals("invalid_value", error.getString("code"));
    assertTrue(error.getString("message").contains("limit"), error.getString("message"));
  }

  @Test
  void answersServiceUnavailableWithoutAMetricsVerticle() throws Exception {
    Vertx bare = Vertx.vertx();
    try {
      Router router = new MetricsRoutes(bare, 2_000).mount(Router.router(bare));
      HttpServer server = await(bare.createHttpServer().requestHandler(router).listen(0));
      HttpResponse<Buffer> response =
          await(
              WebClient.create(bare)
                  .get(server.actualPort(), "127.0.0.1", "/metrics/summary")
                  .send());
      assertEquals(503, response.statusCode());
      JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
      assertEquals("server_error", error.getString("type"));
      assertNull(error.getString("param"));
      assertFalse(error.getString("message").isBlank());
    } finally {
      await(bare.close());
    }
  }

  private static PrometheusText.Family family(
      Map<String, PrometheusText.Family> families, String name, String type) {
    PrometheusText.Family family = families.get(name);
    assertNotNull(family, "missing family " + name + " in " + families.keySet());
    assertEquals(type, family.type, "type of " + name);
    return family;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(10, TimeUnit.SECONDS);
  }
}
