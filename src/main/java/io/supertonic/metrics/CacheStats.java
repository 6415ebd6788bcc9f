package io.supertonic.metrics;

import io.vertx.core.json.JsonObject;

/**
 * The HTTP response cache's counters since start, as the cache publishes them on {@code
 * supertonic.metrics.cache}.
 *
 * @param bytes memory the cached responses take now (audio plus key text)
 */
public record CacheStats(long hits, long misses, long bytes, int entries) {
  public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0);

  public JsonObject toJson() {
    return new JsonObject()
        .put(
            io.supertonic.bus.SynthesisProtocol.FIELD_VERSION,
            io.supertonic.bus.SynthesisProtocol.VERSION)
        .put("hits", hits)
        .put("misses", misses)
        .put("bytes", bytes)
        .put("entries", entries);
  }

  public static CacheStats fromJson(JsonObject j) {
    return new CacheStats(
        j.getLong("hits", 0L),
        j.getLong("misses", 0L),
        j.getLong("bytes", 0L),
        j.getInteger("entries", 0));
  }
}
