package io.supertonic.metrics;

import io.supertonic.config.ServerLimits;
import io.supertonic.text.SafeText;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.supertonic.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates what the transports and the worker report on the event bus, and answers the metrics
 * queries. Inputs: {@link Addresses#METRICS_RECORD} (one {@link RequestRecord} JSON per finished
 * synthesis) and {@link Addresses#METRICS_ACTIVE} ({@code {"active": 1|-1}}). Queries: the {@link
 * Addresses}{@code .METRICS_*}. All consumers are local, so each node of a clustered bus reports
 * itself; deploy one instance per node.
 *
 * <p>The rate windows use the time a record arrives here, not its {@code ts}: records are sent when
 * a synthesis finishes, and this avoids trusting clocks of other nodes.
 */
public final class MetricsVerticle extends VerticleBase {
  private static final Logger log = LoggerFactory.getLogger(MetricsVerticle.class);

  public static final int DEFAULT_BUFFER_SIZE = 100;
  public static final int MIN_BUFFER_SIZE = 10;
  public static final int MAX_BUFFER_SIZE = 10_000;
  public static final int DEFAULT_RECENT_LIMIT = 100;

  /** The content type of the Prometheus text format this verticle produces. */
  public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final int bufferSize;
  private final String registryName;
  private final LongSupplier clockMs;
  private PrometheusMeterRegistry registry;
  private MetricsAggregator aggregator;
  private SupertonicCollector collector;
  private CacheCollector cacheCollector;

  /** The gateway's response cache as it last reported itself (zeros while it is off). */
  private volatile CacheStats cacheStats = CacheStats.EMPTY;

  /** Uses the registry of a Vertx created with {@link MetricsSetup#metricsOptions()}, if any. */
  public MetricsVerticle(int bufferSize) {
    this(bufferSize, MetricsSetup.REGISTRY_NAME);
  }

  /**
   * Uses the Prometheus registry named {@code registryName}; when Vert.x metrics are off it falls
   * back to a private registry, and {@code /metrics} then shows only the {@code supertonic_*}
   * families.
   *
   * @throws IllegalArgumentException when the buffer size is outside 10..10000
   */
  public MetricsVerticle(int bufferSize, String registryName) {
    this(bufferSize, registryName, System::currentTimeMillis);
  }

  MetricsVerticle(int bufferSize, String registryName, LongSupplier clockMs) {
    this.bufferSize = validateBufferSize(bufferSize);
    this.registryName = registryName;
    this.clockMs = clockMs;
  }

  /** Returns the size when it is within 10..10000, else throws naming the setting. */
  public static int validateBufferSize(int size) {
    if (size < MIN_BUFFER_SIZE || size > MAX_BUFFER_SIZE) {
      throw new IllegalArgumentException(
          "SUPERTONIC_OBSERVABILITY_BUFFER_SIZE (observability_buffer_size) must be between "
              + MIN_BUFFER_SIZE
              + " and "
              + MAX_BUFFER_SIZE
              + ", got "
              + size);
    }
    return size;
  }

  private boolean recordText = ServerLimits.RECORD_TEXT;

  @Override
  public Future<?> start() {
    recordText = config().getBoolean("record_text", ServerLimits.RECORD_TEXT);
    aggregator = new MetricsAggregator(bufferSize, clockMs.getAsLong());
    registry = MetricsSetup.registry(registryName).orElse(null);
    if (registry == null) {
      log.info(
          "Vert.x metrics are not enabled (registry '{}'); /metrics shows only supertonic_* metrics",
          registryName);
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
    collector = new SupertonicCollector(() -> aggregator.summary(clockMs.getAsLong()));
    cacheCollector = new CacheCollector(() -> cacheStats);
    try {
      registry.getPrometheusRegistry().register(collector);
      registry.getPrometheusRegistry().register(cacheCollector);
    } catch (IllegalArgumentException | IllegalStateException e) {
      return Future.failedFuture(
          new IllegalStateException(
              "Cannot register the supertonic_* metrics in registry '"
                  + registryName
                  + "' (is a second MetricsVerticle deployed?): "
                  + e.getMessage(),
              e));
    }
    EventBus bus = vertx.eventBus();
    log.info("Metrics ready: ring buffer of {} requests", bufferSize);
    return Future.all(
        List.of(
            bus.<Object>localConsumer(Addresses.METRICS_RECORD, this::onRecord).completion(),
            // Worker events are cluster-wide: a gateway's gauges count the syntheses of every
            // worker node.
            bus.<Object>consumer(Addresses.METRICS_ACTIVE, this::onActive).completion(),
            bus.<Object>consumer(Addresses.METRICS_QUEUE, this::onQueue).completion(),
            bus.<Object>localConsumer(Addresses.METRICS_SUMMARY, this::onSummary).completion(),
            bus.<Object>localConsumer(Addresses.METRICS_RECENT, this::onRecent).completion(),
            bus.<Object>localConsumer(Addresses.METRICS_SCRAPE, this::onScrape).completion(),
            bus.<JsonObject>localConsumer(
                    Addresses.METRICS_CACHE, msg -> cacheStats = CacheStats.fromJson(msg.body()))
                .completion()));
  }

  @Override
  public Future<?> stop() {
    if (registry != null && collector != null) {
      registry.getPrometheusRegistry().unregister(collector);
      registry.getPrometheusRegistry().unregister(cacheCollector);
    }
    return Future.succeededFuture();
  }

  private void onRecord(Message<Object> msg) {
    if (!(msg.body() instanceof JsonObject json)) {
      reject(
          msg, "A metrics record must be a RequestRecord JSON object, got " + describe(msg.body()));
      return;
    }
    RequestRecord record;
    try {
      record = withSnippet(RequestRecord.fromJson(json));
      aggregator.record(record, clockMs.getAsLong());
    } catch (RuntimeException e) {
      reject(msg, "Invalid metrics record: " + e.getMessage());
      return;
    }
    log.debug(
        "Recorded request {} status={} transport={}",
        SafeText.of(record.id(), 128),
        record.status(),
        record.transport());
    msg.reply(null);
  }

  private void onActive(Message<Object> msg) {
    Object delta = msg.body() instanceof JsonObject json ? json.getValue("active") : null;
    if (!(delta instanceof Integer || delta instanceof Long)) {
      Object body = msg.body();
      reject(
          msg,
          "A metrics activity event must be {\"active\": 1} or {\"active\": -1}, got "
              + (body instanceof JsonObject json ? json.encode() : describe(body)));
      return;
    }
    aggregator.adjustActive(((Number) delta).intValue());
    msg.reply(null);
  }

  private void onQueue(Message<Object> msg) {
    Object depth = msg.body() instanceof JsonObject json ? json.getValue("queued") : null;
    if (!(depth instanceof Integer || depth instanceof Long) || ((Number) depth).longValue() < 0) {
      Object body = msg.body();
      reject(
          msg,
          "A queue event must be {\"queued\": n} with n >= 0, got "
              + (body instanceof JsonObject json ? json.encode() : describe(body)));
      return;
    }
    aggregator.setQueued(
        ((JsonObject) msg.body()).getString("worker", ""), ((Number) depth).intValue());
    msg.reply(null);
  }

  private void onSummary(Message<Object> msg) {
    msg.reply(aggregator.summary(clockMs.getAsLong()).toJson());
  }

  private void onRecent(Message<Object> msg) {
    int limit = DEFAULT_RECENT_LIMIT;
    if (msg.body() instanceof JsonObject json && json.getValue("limit") != null) {
      Object value = json.getValue("limit");
      if (!(value instanceof Integer || value instanceof Long)
          || ((Number) value).longValue() < 1) {
        msg.fail(400, "limit must be a positive integer, got " + value);
        return;
      }
      limit = (int) Math.min(((Number) value).longValue(), aggregator.capacity());
    }
    JsonArray data = new JsonArray();
    aggregator.recent(limit).forEach(r -> data.add(r.toJson()));
    msg.reply(new JsonObject().put("data", data));
  }

  private void onScrape(Message<Object> msg) {
    // JVM and Vert.x meters are collected along with ours; keep that off the event loop.
    vertx
        .executeBlocking(() -> registry.scrape(PROMETHEUS_CONTENT_TYPE), false)
        .onSuccess(msg::reply)
        .onFailure(
            e -> {
              log.warn("Prometheus scrape failed", e);
              msg.fail(500, "Prometheus scrape failed: " + e.getMessage());
            });
  }

  /** Transports should already cut the text; cutting again guarantees no full text is kept. */
  /** With {@code record_text} false the ring buffer keeps the text's length but none of it. */
  private RequestRecord withSnippet(RequestRecord r) {
    String snippet = recordText ? RequestRecord.snippet(r.textSnippet()) : "";
    if (snippet.equals(r.textSnippet())) {
      return r;
    }
    return new RequestRecord(
        r.id(),
        r.timestampMs(),
        snippet,
        r.textLength(),
        r.voice(),
        r.lang(),
        r.format(),
        r.status(),
        r.ttfbMs(),
        r.totalMs(),
        r.bytes(),
        r.audioS(),
        r.rtf(),
        r.error(),
        r.transport(),
        r.cache());
  }

  private static void reject(Message<Object> msg, String reason) {
    log.warn("Ignored a metrics message on {}: {}", msg.address(), reason);
    msg.fail(400, reason);
  }

  private static String describe(Object body) {
    return body == null ? "no body" : body.getClass().getSimpleName();
  }
}
