package io.supertonic.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The verticle through the event bus only, as the transports and the routes use it. */
@ExtendWith(VertxExtension.class)
class MetricsVerticleTest {
  private static final long T0 = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(T0);
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  private void deploy(int bufferSize) throws Exception {
    // A unique registry name: no Vert.x metrics here, so the verticle uses a private registry.
    await(
        vertx.deployVerticle(
            new MetricsVerticle(bufferSize, "none-" + System.nanoTime(), clock::get)));
  }

  private void send(RequestRecord record) throws Exception {
    await(vertx.eventBus().request(Addresses.METRICS_RECORD, record.toJson()));
  }

  private void active(int delta) throws Exception {
    await(
        vertx.eventBus().request(Addresses.METRICS_ACTIVE, new JsonObject().put("active", delta)));
  }

  private JsonObject summary() throws Exception {
    return (JsonObject) await(vertx.eventBus().request(Addresses.METRICS_SUMMARY, null)).body();
  }

  private JsonArray recent(Integer limit) throws Exception {
    JsonObject query = limit == null ? new JsonObject() : new JsonObject().put("limit", limit);
    JsonObject reply =
        (JsonObject) await(vertx.eventBus().request(Addresses.METRICS_RECENT, query)).body();
    return reply.getJsonArray("data");
  }

  @Test
  void countsRequestsByStatus() throws Exception {
    deploy(100);
    send(Records.ok("a", 400, 0.2, 1000, 1.5));
    send(Records.ok("b", 500, 0.3, 2000, 2.25));
    send(Records.error("c"));
    send(Records.cancelled("d", 300));

    JsonObject totals = summary().getJsonObject("totals");
    assertEquals(4, totals.getInteger("requests"));
    assertEquals(2, totals.getInteger("ok"));
    assertEquals(1, totals.getInteger("error"));
    assertEquals(1, totals.getInteger("cancelled"));
    assertEquals(3300L, totals.getLong("bytes"));
    assertEquals(3.75, totals.getDouble("audio_s"));
  }

  @Test
  void percentilesCoverOkRecordsWithAudioOnly() throws Exception {
    deploy(100);
    double[] ttfb = {481.4, 455.0, 700.25, 520.0, 610.5, 390.0, 505.0, 530.0, 660.0, 470.0};
    double[] rtf = {0.2, 0.18, 0.25, 0.31, 0.22, 0.19, 0.21, 0.2, 0.24, 0.23};
    for (int i = 0; i < ttfb.length; i++) {
      send(Records.ok("r" + i, ttfb[i], rtf[i], 100, 1.0));
    }
    // Neither may move the percentiles: an error, and an ok request that produced no audio.
    send(Records.of("err", "error", 9000, 5.0, 0, 0, "boom"));
    send(Records.ok("silent", -1, 0, 0, 0));

    JsonObject window = summary().getJsonObject("window");
    // numpy: np.percentile(ttfb, [50, 95, 99]) rounded to 2 digits, rtf to 4.
    assertEquals(
        new JsonObject().put("p50", 512.5).put("p95", 682.14).put("p99", 696.63).put("count", 10),
        window.getJsonObject("ttfb_ms"));
    assertEquals(
        new JsonObject().put("p50", 0.215).put("p95", 0.283).put("p99", 0.3046).put("count", 10),
        window.getJsonObject("rtf"));
  }

  @Test
  void emptyBufferReportsZeros() throws Exception {
    deploy(10);
    JsonObject s = summary();
    assertEquals(0, s.getInteger("active"));
    assertEquals(0, s.getJsonObject("totals").getInteger("requests"));
    JsonObject window = s.getJsonObject("window");
    assertEquals(10, window.getInteger("buffer_capacity"));
    assertEquals(0, window.getInteger("buffer_used"));
    assertEquals(0.0, window.getDouble("error_rate"));
    assertEquals(
        new JsonObject().put("p50", 0.0).put("p95", 0.0).put("p99", 0.0).put("count", 0),
        window.getJsonObject("ttfb_ms"));
  }

  @Test
  void ringBufferEvictsOldestButTotalsKeepCounting() throws Exception {
    deploy(10);
    for (int i = 1; i <= 25; i++) {
      send(Records.ok("r" + i, 100 + i, 0.1, 10, 0.5));
    }

    JsonArray data = recent(null);
    List<String> ids = data.stream().map(o -> ((JsonObject) o).getString("id")).toList();
    assertEquals(
        IntStream.rangeClosed(16, 25).map(i -> 41 - i).mapToObj(i -> "r" + i).toList(), ids);

    JsonObject s = summary();
    assertEquals(25, s.getJsonObject("totals").getInteger("ok"));
    assertEquals(250L, s.getJsonObject("totals").getLong("bytes"));
    assertEquals(12.5, s.getJsonObject("totals").getDouble("audio_s"));
    assertEquals(10, s.getJsonObject("window").getInteger("buffer_used"));
    // Percentiles slide with the buffer: only ttfb 116..125 remain.
    assertEquals(10, s.getJsonObject("window").getJsonObject("ttfb_ms").getInteger("count"));
    assertEquals(120.5, s.getJsonObject("window").getJsonObject("ttfb_ms").getDouble("p50"));
  }

  @Test
  void recentHonoursLimitNewestFirstAndReturnsTheRecordFields() throws Exception {
    deploy(10);
    for (int i = 1; i <= 5; i++) {
      send(Records.ok("r" + i, 100, 0.1, 10, 0.5));
    }
    JsonArray three = recent(3);
    assertEquals(
        List.of("r5", "r4", "r3"),
        three.stream().map(o -> ((JsonObject) o).getString("id")).toList());
    assertEquals(Records.ok("r5", 100, 0.1, 10, 0.5).toJson(), three.getJsonObject(0));
    // Larger than the buffer: capped, no error.
    assertEquals(5, recent(1_000_000).size());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void recentRejectsLimitBelowOne(int limit) throws Exception {
    deploy(10);
    ReplyException e =
        assertInstanceOf(
            ReplyException.class,
            assertThrows(ExecutionException.class, () -> recent(limit)).getCause());
    assertEquals(400, e.failureCode());
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }

  @Test
  void recentRejectsNonIntegerLimit() throws Exception {
    deploy(10);
    Future<?> reply =
        vertx.eventBus().request(Addresses.METRICS_RECENT, new JsonObject().put("limit", "ten"));
    ReplyException e =
        assertInstanceOf(
            ReplyException.class,
            assertThrows(ExecutionException.class, () -> await(reply)).getCause());
    assertEquals(400, e.failureCode());
  }

  @Test
  void keepsOnlyASnippetOfTheText() throws Exception {
    deploy(10);
    String longText = "x".repeat(500);
    RequestRecord r =
        new RequestRecord(
            "long", 1L, longText, 500, "F1", "en", "wav", "ok", 10, 20, 100, 1.0, 0.1, null, "ws");
    send(r);
    String kept = recent(1).getJsonObject(0).getString("text");
    assertEquals(RequestRecord.SNIPPET_LENGTH, kept.length());
    assertEquals(500, recent(1).getJsonObject(0).getInteger("text_len"));
  }

  @Test
  void activeGaugeFollowsStartAndEndEventsAndNeverGoesNegative() throws Exception {
    deploy(10);
    active(-1);
    assertEquals(0, summary().getInteger("active"));
    active(1);
    active(1);
    active(1);
    active(-1);
    assertEquals(2, summary().getInteger("active"));
  }

  @Test
  void acceptsFireAndForgetRecordsAndPublishedActivity() throws Exception {
    deploy(10);
    // The transports send and the worker publishes; neither waits for a reply.
    vertx.eventBus().publish(Addresses.METRICS_ACTIVE, new JsonObject().put("active", "bogus"));
    vertx.eventBus().publish(Addresses.METRICS_ACTIVE, new JsonObject().put("active", 1));
    vertx.eventBus().send(Addresses.METRICS_RECORD, Records.ok("sent", 100, 0.1, 10, 1.0).toJson());
    vertx.eventBus().send(Addresses.METRICS_RECORD, "not json");
    awaitSummary(
        j -> j.getJsonObject("totals").getInteger("requests") == 1 && j.getInteger("active") == 1);
    assertEquals("sent", recent(1).getJsonObject(0).getString("id"));
  }

  /** Queries the summary until it satisfies {@code done}; fails after 10 s. */
  private JsonObject awaitSummary(Predicate<JsonObject> done) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonObject last = summary();
    while (!done.test(last)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Summary never reached the expected state: " + last.encode());
      }
      last = summary();
    }
    return last;
  }

  @Test
  void queueDepthIsTheSumOfEachWorkersLatestReport() throws Exception {
    deploy(10);
    await(
        vertx
            .eventBus()
            .request(
                Addresses.METRICS_QUEUE, new JsonObject().put("queued", 3).put("worker", "a")));
    await(
        vertx
            .eventBus()
            .request(
                Addresses.METRICS_QUEUE, new JsonObject().put("queued", 2).put("worker", "b")));
    assertEquals(5, summary().getInteger("queued"));
    await(
        vertx
            .eventBus()
            .request(
                Addresses.METRICS_QUEUE, new JsonObject().put("queued", 1).put("worker", "a")));
    assertEquals(3, summary().getInteger("queued"));
    await(
        vertx
            .eventBus()
            .request(
                Addresses.METRICS_QUEUE, new JsonObject().put("queued", 0).put("worker", "b")));
    assertEquals(1, summary().getInteger("queued"));
    Future<?> bad =
        vertx.eventBus().request(Addresses.METRICS_QUEUE, new JsonObject().put("queued", -2));
    ReplyException e =
        assertInstanceOf(
            ReplyException.class,
            assertThrows(ExecutionException.class, () -> await(bad)).getCause());
    assertEquals(400, e.failureCode());
    assertEquals(1, summary().getInteger("queued"));
  }

  @Test
  void activeRejectsMalformedEvents() throws Exception {
    deploy(10);
    Future<?> reply =
        vertx.eventBus().request(Addresses.METRICS_ACTIVE, new JsonObject().put("active", "up"));
    ReplyException e =
        assertInstanceOf(
            ReplyException.class,
            assertThrows(ExecutionException.class, () -> await(reply)).getCause());
    assertEquals(400, e.failureCode());
    assertEquals(0, summary().getInteger("active"));
  }

  @Test
  void rejectsUnknownStatusWithoutCountingIt() throws Exception {
    deploy(10);
    ReplyException e =
        assertInstanceOf(
            ReplyException.class,
            assertThrows(
                    ExecutionException.class, () -> send(Records.of("x", "done", 1, 1, 1, 1, null)))
                .getCause());
    assertEquals(400, e.failureCode());
    assertTrue(
        e.getMessage().contains("status") && e.getMessage().contains("cancelled"), e.getMessage());
    assertEquals(0, summary().getJsonObject("totals").getInteger("requests"));
  }

  @Test
  void rpsCountsRequestsFinishedInTheLastMinuteAndFiveMinutes() throws Exception {
    deploy(10);
    for (int i = 0; i < 30; i++) {
      send(Records.ok("old" + i, 100, 0.1, 1, 0.1));
    }
    clock.set(T0 + 61_000);
    for (int i = 0; i < 6; i++) {
      send(Records.ok("new" + i, 100, 0.1, 1, 0.1));
    }
    JsonObject window = summary().getJsonObject("window");
    // All 36 count although the buffer holds 10: the rate does not depend on the buffer size.
    assertEquals(0.1, window.getDouble("rps_1m"));
    assertEquals(0.12, window.getDouble("rps_5m"));

    clock.set(T0 + 302_000);
    JsonObject later = summary();
    assertEquals(0.0, later.getJsonObject("window").getDouble("rps_1m"));
    assertEquals(0.02, later.getJsonObject("window").getDouble("rps_5m"));
    assertEquals(302.0, later.getDouble("uptime_s"));
  }

  @Test
  void errorRateIsOverTheBufferAndRecoversAfterEviction() throws Exception {
    deploy(10);
    for (int i = 0; i < 7; i++) {
      send(Records.ok("ok" + i, 100, 0.1, 1, 0.1));
    }
    send(Records.error("e1"));
    send(Records.error("e2"));
    send(Records.cancelled("c1", 0));
    assertEquals(0.2, summary().getJsonObject("window").getDouble("error_rate"));

    for (int i = 0; i < 10; i++) {
      send(Records.ok("more" + i, 100, 0.1, 1, 0.1));
    }
    JsonObject s = summary();
    assertEquals(0.0, s.getJsonObject("window").getDouble("error_rate"));
    assertEquals(2, s.getJsonObject("totals").getInteger("error"));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 9, 10_001, -5})
  void bufferSizeOutsideRangeIsRejected(int size) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new MetricsVerticle(size));
    assertTrue(e.getMessage().contains("SUPERTONIC_OBSERVABILITY_BUFFER_SIZE"), e.getMessage());
    assertTrue(e.getMessage().contains("10 and 10000"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(size)), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 10_000})
  void bufferSizeBoundsAreAccepted(int size) throws Exception {
    deploy(size);
    assertEquals(size, summary().getJsonObject("window").getInteger("buffer_capacity"));
  }

  private static <T> T await(Future<T> future) throws ExecutionException, TimeoutException {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
