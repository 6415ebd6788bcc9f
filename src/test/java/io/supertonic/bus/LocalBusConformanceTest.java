package io.supertonic.bus;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/** The protocol on one Vert.x instance: clients and workers share a local event bus. */
class LocalBusConformanceTest extends BusConformance {
  private Vertx vertx;

  @Override
  void startNodes() {
    vertx = Vertx.vertx(new VertxOptions());
  }

  @Override
  void stopNodes() throws Exception {
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  @Override
  Vertx clientNode() {
    return vertx;
  }

  @Override
  Vertx workerNode(int i) {
    return vertx;
  }
}
