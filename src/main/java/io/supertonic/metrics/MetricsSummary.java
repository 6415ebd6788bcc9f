package io.supertonic.metrics;

import io.vertx.core.json.JsonObject;

/**
 * One consistent view of the aggregates, as {@code GET /metrics/summary} returns it and as the
 * Prometheus collector exposes it. JSON shape (the same as the Python server's {@code
 * Observatory.snapshot()}; the web console reads it):
 *
 * <pre>{@code
 * {
 *   "uptime_s": 812.45,              // seconds since the metrics verticle started, 2 decimals
 *   "active": 1,                     // syntheses in flight (worker start/end events)
 *   "queued": 0,                     // requests waiting for a synthesis slot
 *   "totals": {                      // cumulative since start; survive ring-buffer eviction
 *     "requests": 143,               // ok + error + cancelled
 *     "ok": 142, "error": 0, "cancelled": 1,
 *     "bytes": 51234567,             // audio bytes sent to clients
 *     "audio_s": 1234.567            // seconds of audio produced, 3 decimals
 *   },
 *   "window": {                      // over the ring buffer (or, for rps, over wall-clock windows)
 *     "buffer_capacity": 100,
 *     "buffer_used": 100,
 *     "rps_1m": 0.35,                // finished requests per second over the last 60 s, 4 decimals
 *     "rps_5m": 0.3133,              // ... over the last 300 s
 *     "error_rate": 0.0,             // status "error" / buffer_used, 0..1, 4 decimals
 *     "ttfb_ms": {"p50": 481.4, "p95": 661.7, "p99": 684.4, "count": 99},  // ok records, 2 decimals
 *     "rtf":     {"p50": 0.2, "p95": 0.24, "p99": 0.31, "count": 99}       // ok records with rtf > 0, 4 decimals
 *   }
 * }
 * }</pre>
 *
 * Percentiles use linear interpolation ({@link Percentiles}); with no sample they are all 0 and
 * count is 0. One deliberate difference from the Python server: rps counts every request that
 * finished in the window, not only those still in the ring buffer, so a small buffer does not cap
 * it.
 *
 * <p>The {@code cumulative*} fields are not part of the JSON: they feed the Prometheus summaries'
 * {@code _sum} and {@code _count}, which must be monotonic while the quantiles slide with the
 * buffer.
 */
public record MetricsSummary(
    double uptimeS,
    int active,
    int queued,
    long ok,
    long error,
    long cancelled,
    long bytes,
    double audioS,
    int bufferCapacity,
    int bufferUsed,
    double rps1m,
    double rps5m,
    double errorRate,
    Percentiles ttfbMs,
    Percentiles rtf,
    Cumulative cumulativeTtfbMs,
    Cumulative cumulativeRtf) {

  /** Running count and sum of every observation since start, for Prometheus summary _count/_sum. */
  public record Cumulative(long count, double sum) {
    public static final Cumulative ZERO = new Cumulative(0, 0.0);

    public Cumulative add(double value) {
      return new Cumulative(count + 1, sum + value);
    }
  }

  public long requests() {
    return ok + error + cancelled;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("uptime_s", Rounding.round(uptimeS, 2))
        .put("active", active)
        .put("queued", queued)
        .put(
            "totals",
            new JsonObject()
                .put("requests", requests())
                .put("ok", ok)
                .put("error", error)
                .put("cancelled", cancelled)
                .put("bytes", bytes)
                .put("audio_s", Rounding.round(audioS, 3)))
        .put(
            "window",
            new JsonObject()
                .put("buffer_capacity", bufferCapacity)
                .put("buffer_used", bufferUsed)
                .put("rps_1m", Rounding.round(rps1m, 4))
                .put("rps_5m", Rounding.round(rps5m, 4))
                .put("error_rate", Rounding.round(errorRate, 4))
                .put("ttfb_ms", ttfbMs.toJson())
                .put("rtf", rtf.toJson()));
  }
}
