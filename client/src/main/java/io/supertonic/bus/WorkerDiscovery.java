package io.supertonic.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Finds a synthesis worker on the bus and returns its {@link WorkerInfo} JSON. In one process the
 * worker is deployed first and answers at once; a cluster gateway may start before any GPU node has
 * joined, so it waits.
 */
public final class WorkerDiscovery {
  private static final System.Logger LOG = System.getLogger(WorkerDiscovery.class.getName());
  private static final long PING_TIMEOUT_MS = 2000;
  private static final long RETRY_MS = 500;

  private WorkerDiscovery() {}

  /**
   * @param waitMs how long to keep trying; 0 asks once
   */
  public static Future<JsonObject> await(Vertx vertx, long waitMs) {
    Promise<JsonObject> promise = Promise.promise();
    attempt(vertx, System.currentTimeMillis() + waitMs, promise, true);
    return promise.future();
  }

  private static void attempt(
      Vertx vertx, long deadline, Promise<JsonObject> promise, boolean first) {
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.WORKER_PING, null, new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .onSuccess(reply -> promise.complete(reply.body()))
        .onFailure(
            err -> {
              if (System.currentTimeMillis() >= deadline) {
                promise.fail("No synthesis worker answered on the event bus: " + err.getMessage());
                return;
              }
              if (first) {
                LOG.log(
                    System.Logger.Level.INFO,
                    "Waiting for a synthesis worker to join the event bus...");
              }
              vertx.setTimer(RETRY_MS, id -> attempt(vertx, deadline, promise, false));
            });
  }
}
