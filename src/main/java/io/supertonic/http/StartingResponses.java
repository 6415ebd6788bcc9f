package io.supertonic.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the HTTP port answers between opening and finding a synthesis worker (a cluster gateway
 * whose workers have not joined yet): health and readiness probes get a 503 in the health-check
 * shape instead of a refused connection, and API calls a 503 {@code no_worker} with {@code
 * Retry-After}, so load balancers and clients see "starting" rather than "down".
 */
final class StartingResponses implements Handler<HttpServerRequest> {
  static final String MESSAGE = "No synthesis worker has joined yet; the server is starting.";

  @Override
  public void handle(HttpServerRequest request) {
    request.response().putHeader("Retry-After", "1");
    String path = request.path();
    if (path.equals("/health") || path.equals("/healthz") || path.equals("/readyz")) {
      JsonObject down =
          new JsonObject()
              .put("status", "DOWN")
              .put("outcome", "DOWN")
              .put(
                  "checks",
                  new JsonArray()
                      .add(
                          new JsonObject()
                              .put("id", "worker")
                              .put("status", "DOWN")
                              .put("data", new JsonObject().put("reason", MESSAGE))));
      request
          .response()
          .setStatusCode(503)
          .putHeader("Content-Type", "application/json")
          .end(down.encode());
      return;
    }
    OpenAiErrors.send(request.response(), 503, MESSAGE, null, "no_worker");
  }
}
