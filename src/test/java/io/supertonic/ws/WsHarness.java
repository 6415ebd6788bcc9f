package io.supertonic.ws;

import io.supertonic.bus.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Deploys the WebSocket verticle, a fake worker and an HTTP server mounting the route, like the
 * server.
 */
final class WsHarness {
  final Vertx vertx;
  final FakeSynthesisWorker worker;
  final LinkedBlockingQueue<JsonObject> metrics = new LinkedBlockingQueue<>();
  private HttpServer server;

  private WsHarness(Vertx vertx, FakeSynthesisWorker worker) {
    this.vertx = vertx;
    this.worker = worker;
  }

  static WsHarness start(Vertx vertx, JsonObject config, FakeSynthesisWorker worker)
      throws Exception {
    WsHarness h = new WsHarness(vertx, worker);
    vertx.eventBus().<JsonObject>consumer(Addresses.METRICS_RECORD, m -> h.metrics.add(m.body()));
    await(vertx.deployVerticle(worker));
    await(
        vertx.deployVerticle(
            new WebSocketVerticle(), new io.vertx.core.DeploymentOptions().setConfig(config)));
    Router router = Router.router(vertx);
    router.route(WsHarnessPaths.PATH).handler(new WebSocketRoute(vertx, config));
    h.server = await(vertx.createHttpServer().requestHandler(router).listen(0));
    return h;
  }

  int port() {
    return server.actualPort();
  }

  WsTestClient connect() throws Exception {
    return WsTestClient.connect(vertx, port());
  }

  JsonObject nextMetric() throws InterruptedException {
    return metrics.poll(WsTestClient.TIMEOUT_S, TimeUnit.SECONDS);
  }

  static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future
        .toCompletionStage()
        .toCompletableFuture()
        .get(WsTestClient.TIMEOUT_S, TimeUnit.SECONDS);
  }

  static final class WsHarnessPaths {
    static final String PATH = "/v1/audio/speech/stream";

    private WsHarnessPaths() {}
  }
}
