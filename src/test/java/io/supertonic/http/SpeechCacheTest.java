package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.AudioFormat;
import io.supertonic.metrics.CacheStats;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache's bound, its LRU order, its keys, and the collector that gives up on a big response.
 */
class SpeechCacheTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private static SpeechRequest request(String text, Long seed) {
    return new SpeechRequest(null, text, "F1", AudioFormat.MP3, 1.05, false, "en", 8, seed, null);
  }

  private static SpeechCache.Key key(String text) {
    return SpeechCache.key(request(text, 5L), "m").orElseThrow();
  }

  private static SpeechCache.Entry entry(int bytes) {
    return new SpeechCache.Entry(new byte[bytes], 44100, "F1", "en", 5, 1.0, java.util.List.of());
  }

  @Test
  void unseededRequestsHaveNoKey() {
    assertTrue(SpeechCache.key(request("Hi.", null), "m").isEmpty());
    assertTrue(SpeechCache.key(request("Hi.", 0L), "m").isPresent());
  }

  @Test
  void everyFieldThatChangesTheAudioIsInTheKey() {
    SpeechRequest base = request("Hi.", 5L);
    SpeechCache.Key k = SpeechCache.key(base, "m").orElseThrow();
    assertEquals(k, SpeechCache.key(request("Hi.", 5L), "m").orElseThrow());
    assertFalse(k.equals(SpeechCache.key(request("Hi.", 6L), "m").orElseThrow()));
    assertFalse(k.equals(SpeechCache.key(request("Hi!", 5L), "m").orElseThrow()));
    assertFalse(k.equals(SpeechCache.key(base, "other-model").orElseThrow()));
    SpeechRequest wav =
        new SpeechRequest(null, "Hi.", "F1", AudioFormat.WAV, 1.05, false, "en", 8, 5L, null);
    assertFalse(k.equals(SpeechCache.key(wav, "m").orElseThrow()));
    SpeechRequest rate =
        new SpeechRequest(null, "Hi.", "F1", AudioFormat.MP3, 1.05, false, "en", 8, 5L, 24000);
    assertFalse(k.equals(SpeechCache.key(rate, "m").orElseThrow()));
    SpeechRequest faster =
        new SpeechRequest(null, "Hi.", "F1", AudioFormat.MP3, 1.2, false, "en", 8, 5L, null);
    assertFalse(k.equals(SpeechCache.key(faster, "m").orElseThrow()));
  }

  @Test
  void evictsTheLeastRecentlyUsedToStayWithinItsBytes() {
    SpeechCache cache = new SpeechCache(vertx, 10_000);
    cache.store(key("a"), entry(4000));
    cache.store(key("b"), entry(4000));
    assertTrue(cache.lookup(key("a")).isPresent(), "a is now the most recently used");
    cache.store(key("c"), entry(4000));
    assertTrue(cache.lookup(key("b")).isEmpty(), "b, least recently used, made room for c");
    assertTrue(cache.lookup(key("a")).isPresent());
    assertTrue(cache.lookup(key("c")).isPresent());
    CacheStats stats = cache.stats();
    assertEquals(2, stats.entries());
    assertTrue(stats.bytes() <= 10_000, "used " + stats.bytes());
    assertEquals(8000 + key("a").size() + key("c").size(), stats.bytes());
    assertEquals(3, stats.hits());
    assertEquals(1, stats.misses());
  }

  @Test
  void aResponseLargerThanTheCacheIsNotStored() {
    SpeechCache cache = new SpeechCache(vertx, 5_000);
    cache.store(key("small"), entry(1000));
    cache.store(key("big"), entry(6000));
    assertTrue(cache.lookup(key("big")).isEmpty());
    assertTrue(cache.lookup(key("small")).isPresent(), "a too-big entry evicts nothing");
  }

  @Test
  void theCollectorGivesUpOnceTheResponseOutgrowsTheCache() {
    SpeechCache.Key k = key("x");
    SpeechCache.Fill fill = new SpeechCache.Fill(k, k.size() + 100);
    fill.add(new byte[60]);
    assertEquals(60, fill.audio().orElseThrow().length);
    fill.add(new byte[60]);
    assertTrue(fill.audio().isEmpty());
    fill.add(new byte[1]);
    assertTrue(fill.audio().isEmpty(), "once given up, stays given up");
  }

  @Test
  void offWhenZero() {
    assertFalse(new SpeechCache(vertx, 0).enabled());
    assertTrue(new SpeechCache(vertx, 1).enabled());
  }
}
