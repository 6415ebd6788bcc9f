package io.supertonic.http;

import io.supertonic.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;

/**
 * {@code /health} (liveness: the server runs and knows its model) and {@code /readyz} (readiness: a
 * synthesis worker answers on the bus right now), built with vertx-health-check.
 */
final class HealthRoutes {
  private static final long WORKER_PING_TIMEOUT_MS = 2000;

  private final Vertx vertx;
  private final JsonObject workerInfo;

  HealthRoutes(Vertx vertx, JsonObject workerInfo) {
    this.vertx = vertx;
    this.workerInfo = workerInfo;
  }

  void mount(Router router) {
    HealthChecks liveness = HealthChecks.create(vertx);
    liveness.register("model", promise -> promise.complete(Status.OK(modelData())));
    HealthChecks readiness = HealthChecks.create(vertx);
    readiness.register("model", promise -> promise.complete(Status.OK(modelData())));
    readiness.register(
        "worker",
        promise ->
            vertx
                .eventBus()
                .<JsonObject>request(
                    Addresses.WORKER_PING,
                    null,
                    new DeliveryOptions().setSendTimeout(WORKER_PING_TIMEOUT_MS))
                .onSuccess(
                    reply ->
                        promise.complete(
                            Status.OK(
                                new JsonObject()
                                    .put("running", reply.body().getInteger("running"))
                                    .put("queued", reply.body().getInteger("queued"))
                                    .put(
                                        "max_concurrent",
                                        reply.body().getInteger("max_concurrent")))))
                .onFailure(
                    err ->
                        promise.complete(
                            Status.KO(new JsonObject().put("error", err.getMessage())))));
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/readyz").handler(HealthCheckHandler.createWithHealthChecks(readiness));
  }

  private JsonObject modelData() {
    return new JsonObject()
        .put("model", workerInfo.getString("model"))
        .put("providers", workerInfo.getJsonArray("providers"));
  }
}
