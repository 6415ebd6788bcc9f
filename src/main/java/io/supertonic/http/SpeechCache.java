package io.supertonic.http;

import io.supertonic.bus.Addresses;
import io.supertonic.metrics.CacheStats;
import io.supertonic.timestamps.SpanTimestamp;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's cache of complete, encoded speech responses, least recently used first out, bounded
 * by the bytes it holds (audio plus the key's text). Only deterministic requests (a seed, given or
 * the server's default) have a key: an unseeded synthesis differs every time. Synchronized because
 * every event loop of the HTTP verticle shares one cache; each operation is a map lookup or an
 * insert, never I/O.
 */
final class SpeechCache {
  /** Per-entry bookkeeping (key fields, map node) counted against the bound besides the bytes. */
  private static final int ENTRY_OVERHEAD = 256;

  /**
   * What makes two responses byte-identical. The text is the input as given: two inputs that the
   * text pipeline would normalize alike are still two entries, which costs a synthesis but can
   * never serve the wrong audio. Speed and seed as the gateway resolved them; a null
   * voice/lang/steps means the worker's default, which is stable for one deployment.
   */
  record Key(
      String model,
      String text,
      String voice,
      String lang,
      double speed,
      Integer totalSteps,
      long seed,
      String format,
      Integer sampleRate) {

    long size() {
      return 2L * text.length() + ENTRY_OVERHEAD;
    }
  }

  /** A complete response: the encoded audio as the encoder wrote it, and what its headers say. */
  record Entry(
      byte[] audio,
      int sampleRate,
      String voice,
      String lang,
      long seed,
      double audioS,
      List<SpanTimestamp> timestamps) {

    /** What it holds: the audio, and the timestamps' text and numbers. */
    long size() {
      long size = audio.length;
      for (SpanTimestamp t : timestamps) {
        size += 64 + 2L * t.text().length();
      }
      return size;
    }
  }

  private final Vertx vertx;
  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long usedBytes;
  private long hits;
  private long misses;

  /**
   * @param maxBytes 0 turns the cache off
   */
  SpeechCache(Vertx vertx, long maxBytes) {
    this.vertx = vertx;
    this.maxBytes = Math.max(0, maxBytes);
  }

  boolean enabled() {
    return maxBytes > 0;
  }

  /** The cache key of a request, empty when the request is not deterministic. */
  static Optional<Key> key(SpeechRequest speech, String model) {
    if (speech.seed() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Key(
            model,
            speech.input(),
            speech.voice(),
            speech.lang(),
            speech.speed(),
            speech.totalSteps(),
            speech.seed(),
            speech.format().id(),
            speech.sampleRate()));
  }

  /** Looks the key up and counts a hit or a miss. */
  Optional<Entry> lookup(Key key) {
    Optional<Entry> found;
    synchronized (this) {
      found = Optional.ofNullable(entries.get(key));
      if (found.isPresent()) {
        hits++;
      } else {
        misses++;
      }
    }
    publishStats();
    return found;
  }

  /** Stores a complete response, evicting the least recently used until it fits. */
  void store(Key key, Entry entry) {
    long size = key.size() + entry.size();
    if (size > maxBytes) {
      return;
    }
    synchronized (this) {
      Entry previous = entries.remove(key);
      if (previous != null) {
        usedBytes -= key.size() + previous.size();
      }
      Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
      while (usedBytes + size > maxBytes && eldest.hasNext()) {
        Map.Entry<Key, Entry> out = eldest.next();
        usedBytes -= out.getKey().size() + out.getValue().size();
        eldest.remove();
      }
      entries.put(key, entry);
      usedBytes += size;
    }
    publishStats();
  }

  synchronized CacheStats stats() {
    return new CacheStats(hits, misses, usedBytes, entries.size());
  }

  /** The largest response worth collecting: one that could never fit is not buffered at all. */
  long maxEntryBytes() {
    return maxBytes;
  }

  private void publishStats() {
    vertx.eventBus().publish(Addresses.METRICS_CACHE, stats().toJson());
  }

  /**
   * Collects the encoded bytes of one response as they go out; gives up (and frees them) once the
   * response outgrows the cache.
   */
  static final class Fill {
    private final Key key;
    private final long limit;
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Fill(Key key, long limit) {
      this.key = key;
      this.limit = limit - key.size();
    }

    Key key() {
      return key;
    }

    void add(byte[] chunk) {
      if (bytes == null) {
        return;
      }
      if (bytes.size() + (long) chunk.length > limit) {
        bytes = null;
        return;
      }
      bytes.write(chunk, 0, chunk.length);
    }

    /** The whole response, or empty when it outgrew the cache. */
    Optional<byte[]> audio() {
      return bytes == null ? Optional.empty() : Optional.of(bytes.toByteArray());
    }
  }
}
