package io.supertonic.server;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.http.HttpVerticle;
import io.supertonic.metrics.MetricsRoutes;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.metrics.MetricsVerticle;
import io.supertonic.worker.SynthesisWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the verticles of one node: metrics, synthesis worker (owning the loaded engine), WebSocket sessions
 * and the HTTP API, in dependency order, and undeploys them in reverse for a graceful stop.
 */
public final class SupertonicServer {
  private static final Logger LOG = LoggerFactory.getLogger(SupertonicServer.class);

  private final Vertx vertx;
  private final Deque<String> deployments = new ArrayDeque<>();
  private HttpVerticle http;

  private SupertonicServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * @param config the flat server configuration (keys as in conf/config.json)
   */
  public static Future<SupertonicServer> start(Vertx vertx, SupertonicEngine engine, AudioEncoders encoders, JsonObject config) {
    SupertonicServer server = new SupertonicServer(vertx);
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    MetricsVerticle metrics =
        new MetricsVerticle(
            config.getInteger("observability_buffer_size", MetricsVerticle.DEFAULT_BUFFER_SIZE),
            config.getString("metrics_registry", MetricsSetup.REGISTRY_NAME));
    return server
        .deploy(metrics, options)
        .compose(v -> server.deploy(new SynthesisWorkerVerticle(engine), options))
        .compose(v -> server.deployHttp(encoders, options))
        .map(server);
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(deployments::push).mapEmpty();
  }

  private Future<Void> deployHttp(AudioEncoders encoders, DeploymentOptions options) {
    http = new HttpVerticle(encoders, this::mountExtraRoutes);
    return deploy(http, options);
  }

  private void mountExtraRoutes(Router router, JsonObject config) {
    new MetricsRoutes(vertx).mount(router);
  }

  public int port() {
    return http.actualPort();
  }

  /** Undeploys in reverse order: the HTTP server stops accepting first and drains in-flight responses. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain.onSuccess(v -> LOG.info("Server stopped"));
  }
}
