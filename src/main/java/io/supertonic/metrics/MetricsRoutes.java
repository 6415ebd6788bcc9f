package io.supertonic.metrics;

import io.supertonic.bus.Addresses;
import io.supertonic.http.OpenAiErrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the metrics: {@code GET /metrics} (Prometheus text), {@code GET
 * /metrics/summary} ({@link MetricsSummary} JSON) and {@code GET /metrics/recent?limit=N} ({@code
 * {"data": [...]}}, newest first). Every answer comes from {@link MetricsVerticle} over the {@link
 * Addresses} metrics addresses, so these routes work on any verticle's router.
 */
public final class MetricsRoutes {
  private static final Logger log = LoggerFactory.getLogger(MetricsRoutes.class);
  private static final long DEFAULT_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final DeliveryOptions delivery;

  public MetricsRoutes(Vertx vertx) {
    this(vertx, DEFAULT_TIMEOUT_MS);
  }

  public MetricsRoutes(Vertx vertx, long queryTimeoutMs) {
    this.vertx = vertx;
    this.delivery = new DeliveryOptions().setSendTimeout(queryTimeoutMs);
  }

  /** Adds the three GET routes to {@code router} and returns it. */
  public Router mount(Router router) {
    router.get("/metrics").handler(this::scrape);
    router.get("/metrics/summary").handler(this::summary);
    router.get("/metrics/recent").handler(this::recent);
    return router;
  }

  private void scrape(RoutingContext ctx) {
    Future<String> text =
        vertx
            .eventBus()
            .<String>request(Addresses.METRICS_SCRAPE, null, delivery)
            .map(msg -> msg.body());
    text.onSuccess(
            body ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, MetricsVerticle.PROMETHEUS_CONTENT_TYPE)
                    .end(body))
        .onFailure(e -> fail(ctx, e, null));
  }

  private void summary(RoutingContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.METRICS_SUMMARY, null, delivery)
        .onSuccess(msg -> json(ctx, 200, msg.body()))
        .onFailure(e -> fail(ctx, e, null));
  }

  private void recent(RoutingContext ctx) {
    JsonObject query = new JsonObject();
    List<String> limits = ctx.queryParam("limit");
    if (!limits.isEmpty()) {
      String raw = limits.get(0);
      long limit;
      try {
        limit = Long.parseLong(raw.trim());
      } catch (NumberFormatException e) {
        limit = 0;
      }
      if (limit < 1) {
        OpenAiErrors.send(
            ctx.response(),
            400,
            "limit must be a positive integer, got '" + raw + "'",
            "limit",
            "invalid_value");
        return;
      }
      // The verticle caps it at the buffer size.
      query.put("limit", limit);
    }
    vertx
        .eventBus()
        .<JsonObject>request(Addresses.METRICS_RECENT, query, delivery)
        .onSuccess(msg -> json(ctx, 200, msg.body()))
        .onFailure(e -> fail(ctx, e, "limit"));
  }

  private static void fail(RoutingContext ctx, Throwable e, String param) {
    if (e instanceof ReplyException re
        && re.failureType() == ReplyFailure.RECIPIENT_FAILURE
        && re.failureCode() == 400) {
      OpenAiErrors.send(ctx.response(), 400, re.getMessage(), param, "invalid_value");
      return;
    }
    boolean unavailable =
        e instanceof ReplyException re
            && (re.failureType() == ReplyFailure.NO_HANDLERS
                || re.failureType() == ReplyFailure.TIMEOUT);
    String message =
        unavailable
            ? "Metrics are unavailable: the metrics verticle did not answer ("
                + e.getMessage()
                + ")"
            : "Metrics query failed: " + e.getMessage();
    log.warn("{} {}: {}", ctx.request().method(), ctx.request().path(), message);
    OpenAiErrors.send(ctx.response(), unavailable ? 503 : 500, "server_error", message, null, null);
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
