package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * --cache-mb end to end: a repeated seeded request is answered from the cache with the same bytes
 * in every format, an unseeded one never is, a cut stream is never stored, and hits and misses show
 * in the headers, the request records and the metrics.
 */
class ResponseCacheTest {
  @RegisterExtension
  static final ServerPerClass SERVER = new ServerPerClass(new JsonObject().put("cache_mb", 64));

  @TempDir Path dir;

  private static String cacheHeader(HttpResponse<?> response) {
    return response.headers().firstValue("X-Cache").orElse("(none)");
  }

  @Test
  void aRepeatedSeededRequestIsAHitWithTheSameBytesInEveryFormat() throws Exception {
    HttpTestClient http = SERVER.http();
    for (String format : new String[] {"mp3", "opus", "flac", "wav", "pcm"}) {
      JsonObject request =
          new JsonObject()
              .put("input", "The cache keeps this sentence in " + format + ".")
              .put("response_format", format)
              .put("seed", 42);
      HttpResponse<byte[]> first = http.speech(request);
      assertEquals(200, first.statusCode(), format);
      assertEquals("miss", cacheHeader(first), format);
      HttpResponse<byte[]> second = http.speech(request);
      assertEquals(200, second.statusCode(), format);
      assertEquals("hit", cacheHeader(second), format);
      assertTrue(first.body().length > 0, format);
      assertArrayEquals(first.body(), second.body(), format + ": byte-identical");
      for (String header : new String[] {"Content-Type", "X-Sample-Rate", "X-Voice", "X-Seed"}) {
        assertEquals(
            first.headers().firstValue(header), second.headers().firstValue(header), header);
      }
    }
  }

  @Test
  void sseHitsCarryTheSameAudio() throws Exception {
    HttpTestClient http = SERVER.http();
    JsonObject request =
        new JsonObject()
            .put("input", "Streamed as events, twice.")
            .put("response_format", "pcm")
            .put("stream_format", "sse")
            .put("seed", 9);
    HttpResponse<byte[]> first = http.speech(request);
    HttpResponse<byte[]> second = http.speech(request);
    assertEquals("miss", cacheHeader(first));
    assertEquals("hit", cacheHeader(second));
    assertEquals("text/event-stream", second.headers().firstValue("Content-Type").orElseThrow());
    byte[] audio = sseAudio(first.body());
    assertTrue(audio.length > 0);
    assertArrayEquals(audio, sseAudio(second.body()));
    assertTrue(new String(second.body(), StandardCharsets.UTF_8).contains("speech.audio.done"));
  }

  private static byte[] sseAudio(byte[] body) {
    java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
      if (line.startsWith("data: ")) {
        JsonObject event = new JsonObject(line.substring(6));
        if ("speech.audio.delta".equals(event.getString("type"))) {
          audio.writeBytes(Base64.getDecoder().decode(event.getString("audio")));
        }
      }
    }
    return audio.toByteArray();
  }

  @Test
  void unseededRequestsBypassTheCache() throws Exception {
    HttpTestClient http = SERVER.http();
    JsonObject request =
        new JsonObject().put("input", "No seed, no cache.").put("response_format", "pcm");
    CompletableFuture<JsonObject> record = StreamingBehaviourTest.nextRecord(SERVER.server(), "ok");
    HttpResponse<byte[]> first = http.speech(request);
    assertEquals("bypass", cacheHeader(first));
    assertEquals("bypass", record.get(30, TimeUnit.SECONDS).getString("cache"));
    HttpResponse<byte[]> second = http.speech(request);
    assertEquals("bypass", cacheHeader(second));
    assertTrue(
        !first.headers().firstValue("X-Seed").equals(second.headers().firstValue("X-Seed")),
        "two fresh seeds");
  }

  @Test
  void hitsAndMissesAreRecordedAndCounted() throws Exception {
    HttpTestClient http = SERVER.http();
    double hitsBefore = metric(http, "supertonic_cache_hits_total");
    double missesBefore = metric(http, "supertonic_cache_misses_total");
    JsonObject request =
        new JsonObject().put("input", "Count me.").put("response_format", "wav").put("seed", 3);
    CompletableFuture<JsonObject> missRecord = recordWithCache("miss");
    http.speech(request);
    assertEquals("ok", missRecord.get(30, TimeUnit.SECONDS).getString("status"));
    CompletableFuture<JsonObject> hitRecord = recordWithCache("hit");
    HttpResponse<byte[]> hit = http.speech(request);
    JsonObject record = hitRecord.get(30, TimeUnit.SECONDS);
    assertEquals("ok", record.getString("status"));
    assertEquals(hit.body().length, record.getLong("bytes"));
    assertTrue(record.getDouble("audio_s") > 0, "the hit reports the audio it served");
    assertEquals(hitsBefore + 1, awaitMetric(http, "supertonic_cache_hits_total", hitsBefore + 1));
    assertEquals(
        missesBefore + 1, awaitMetric(http, "supertonic_cache_misses_total", missesBefore + 1));
    assertTrue(metric(http, "supertonic_cache_bytes") >= hit.body().length);
  }

  @Test
  void aStreamCutShortIsNeverStored() throws Exception {
    HttpTestClient http = SERVER.http();
    JsonObject request = StreamingBehaviourTest.longPcmRequest().put("seed", 77);
    CompletableFuture<JsonObject> cancelled =
        StreamingBehaviourTest.nextRecord(SERVER.server(), "cancelled");
    HttpResponse<InputStream> cut = http.speechStream(request);
    assertEquals("miss", cacheHeader(cut));
    InputStream in = cut.body();
    assertEquals(4096, in.readNBytes(4096).length);
    in.close();
    cancelled.get(30, TimeUnit.SECONDS);
    HttpResponse<byte[]> whole = http.speech(request);
    assertEquals("miss", cacheHeader(whole), "the cut response was not kept");
    HttpResponse<byte[]> again = http.speech(request);
    assertEquals("hit", cacheHeader(again), "a whole response is kept");
    assertArrayEquals(whole.body(), again.body());
  }

  @Test
  void theServerSeedMakesUnseededRequestsCacheable() throws Exception {
    try (TestServer server =
        TestServer.start(dir, new JsonObject().put("cache_mb", 8).put("seed", 1234))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      JsonObject request =
          new JsonObject().put("input", "The server picks the seed.").put("response_format", "pcm");
      HttpResponse<byte[]> first = http.speech(request);
      assertEquals("1234", first.headers().firstValue("X-Seed").orElseThrow());
      assertEquals("miss", cacheHeader(first));
      HttpResponse<byte[]> second = http.speech(request);
      assertEquals("hit", cacheHeader(second));
      assertArrayEquals(first.body(), second.body());
      HttpResponse<byte[]> own = http.speech(request.copy().put("seed", 5));
      assertEquals("5", own.headers().firstValue("X-Seed").orElseThrow());
      assertEquals("miss", cacheHeader(own), "an explicit seed wins over the server's");
    }
  }

  @Test
  void offByDefault() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      JsonObject request =
          new JsonObject()
              .put("input", "No cache here.")
              .put("response_format", "pcm")
              .put("seed", 1);
      http.speech(request);
      assertEquals("(none)", cacheHeader(http.speech(request)));
    }
  }

  private static CompletableFuture<JsonObject> recordWithCache(String verdict) throws Exception {
    CompletableFuture<JsonObject> record = new CompletableFuture<>();
    var consumer =
        SERVER
            .server()
            .vertx()
            .eventBus()
            .<JsonObject>consumer(
                io.supertonic.bus.Addresses.METRICS_RECORD,
                m -> {
                  if (verdict.equals(m.body().getString("cache"))) {
                    record.complete(m.body());
                  }
                });
    consumer.completion().await(10, TimeUnit.SECONDS);
    record.whenComplete((r, e) -> consumer.unregister());
    return record;
  }

  /**
   * The cache reports itself to the metrics verticle over the bus, after the response may have
   * left: polls (bounded) until the metric shows the expected value, then returns what it shows.
   */
  private static double awaitMetric(HttpTestClient http, String name, double expected)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    double value = metric(http, name);
    while (value != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      value = metric(http, name);
    }
    return value;
  }

  private static double metric(HttpTestClient http, String name) throws Exception {
    Pattern line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$");
    String text = http.get("/metrics").body();
    Matcher m = line.matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }
}
