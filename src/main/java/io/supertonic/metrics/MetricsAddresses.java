package io.supertonic.metrics;

/**
 * Event-bus query addresses answered by {@link MetricsVerticle}. The verticle registers them with
 * {@code localConsumer}, so on a clustered bus each node reports its own metrics.
 */
public final class MetricsAddresses {
  private MetricsAddresses() {}

  /** Request/reply, any body: replies with the {@link MetricsSummary} JSON. */
  public static final String SUMMARY = "supertonic.metrics.summary";

  /**
   * Request/reply, body {@code {"limit": N}} (optional, default {@value
   * MetricsVerticle#DEFAULT_RECENT_LIMIT}, capped at the buffer size): replies with {@code {"data":
   * [RequestRecord JSON, ...]}}, newest first. A limit that is not a positive integer fails the
   * reply with code 400.
   */
  public static final String RECENT = "supertonic.metrics.recent";

  /** Request/reply, any body: replies with the Prometheus text exposition (a String). */
  public static final String SCRAPE = "supertonic.metrics.scrape";
}
