package io.supertonic.http;

import io.supertonic.bus.WorkerDirectory;
import io.supertonic.bus.WorkerInfo;
import io.supertonic.engine.VoiceAliases;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.List;

/**
 * {@code /health} (liveness: the server runs and knows its model), {@code /readyz} (readiness: a
 * live worker serving the model is in the {@link WorkerDirectory}, which forgets a worker {@value
 * io.supertonic.bus.SynthesisProtocol#ADVERT_EXPIRY_MS} ms after its last advertisement) and {@code
 * /healthz} (the server and every worker it knows, with its state).
 */
final class HealthRoutes {
  private final Vertx vertx;
  private final JsonObject workerInfo;
  private final WorkerDirectory directory;
  private final boolean wsEnabled;
  private final String version;

  /**
   * @param workerInfo the first worker's ping reply: model, sample rate, voices, languages
   */
  HealthRoutes(
      Vertx vertx,
      JsonObject workerInfo,
      WorkerDirectory directory,
      boolean wsEnabled,
      String version) {
    this.vertx = vertx;
    this.workerInfo = workerInfo;
    this.directory = directory;
    this.wsEnabled = wsEnabled;
    this.version = version;
  }

  void mount(Router router) {
    HealthChecks liveness = HealthChecks.create(vertx);
    liveness.register("model", promise -> promise.complete(Status.OK(modelData())));
    HealthChecks readiness = HealthChecks.create(vertx);
    readiness.register("model", promise -> promise.complete(Status.OK(modelData())));
    readiness.register(
        "worker",
        promise -> {
          List<WorkerInfo> serving = directory.available(model());
          JsonObject data =
              new JsonObject()
                  .put("workers", serving.size())
                  .put("slots", serving.stream().mapToInt(WorkerInfo::slots).sum())
                  .put("running", serving.stream().mapToInt(WorkerInfo::active).sum())
                  .put("queued", serving.stream().mapToInt(WorkerInfo::queued).sum())
                  .put("max_concurrent", serving.stream().mapToInt(WorkerInfo::slots).sum());
          promise.complete(
              serving.isEmpty()
                  ? Status.KO(data.put("error", "no live worker serves " + model()))
                  : Status.OK(data));
        });
    router.get("/health").handler(HealthCheckHandler.createWithHealthChecks(liveness));
    router.get("/readyz").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    router.get("/healthz").handler(this::healthz);
  }

  private String model() {
    return workerInfo.getString("model");
  }

  private JsonObject modelData() {
    return new JsonObject()
        .put("model", model())
        .put("providers", workerInfo.getJsonArray("providers"));
  }

  private void healthz(RoutingContext ctx) {
    JsonArray workers = new JsonArray();
    directory.live().forEach(w -> workers.add(describe(w)));
    JsonObject body =
        new JsonObject()
            .put("status", "ok")
            .put("version", version)
            .put("model", model())
            .put("sample_rate", workerInfo.getInteger("sample_rate"))
            .put("voices", workerInfo.getJsonArray("voices", new JsonArray()))
            .put("aliases", new JsonArray(List.copyOf(VoiceAliases.openAi().keySet())))
            .put("languages", workerInfo.getJsonArray("languages"))
            .put("providers", workerInfo.getJsonArray("providers"))
            .put("ws_enabled", wsEnabled)
            .put("workers", workers);
    ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** A worker's advertisement plus one word for its state: ready, busy, full or draining. */
  private static JsonObject describe(WorkerInfo worker) {
    String state =
        worker.draining()
            ? "draining"
            : worker.freeSlots() > 0 ? "ready" : worker.room() > 0 ? "busy" : "full";
    JsonObject json = worker.toJson().put("state", state);
    json.remove("voices");
    json.remove("languages");
    return json;
  }
}
