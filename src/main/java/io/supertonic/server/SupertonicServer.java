package io.supertonic.server;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.bridge.TcpBridgeVerticle;
import io.supertonic.cluster.NodeRole;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.text.Lexicons;
import io.supertonic.http.HttpVerticle;
import io.supertonic.http.LibraryRoutes;
import io.supertonic.library.LibraryVerticle;
import io.supertonic.metrics.MetricsRoutes;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.metrics.MetricsVerticle;
import io.supertonic.worker.SynthesisWorkerVerticle;
import io.supertonic.ws.WebSocketRoute;
import io.supertonic.ws.WebSocketVerticle;
import io.supertonic.wyoming.WyomingSettings;
import io.supertonic.wyoming.WyomingVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the verticles of one node: metrics, synthesis worker (owning the loaded engine), WebSocket
 * sessions and the HTTP API, in dependency order, and undeploys them in reverse for a graceful
 * stop.
 */
public final class SupertonicServer {
  private static final Logger LOG = LoggerFactory.getLogger(SupertonicServer.class);

  private final Vertx vertx;
  private final Deque<String> deployments = new ArrayDeque<>();

  /**
   * Stopped first: open sockets would otherwise hold the HTTP server's graceful drain for its whole
   * deadline.
   */
  private String webSockets;

  private HttpVerticle http;

  /** Undeployed alongside the HTTP server (see {@link #stop()}), so kept off the stack. */
  private String workerDeployment;

  private String httpDeployment;

  /** Stopped first with the WebSocket sessions, for the same reason; null when Wyoming is off. */
  private WyomingVerticle wyoming;

  private String wyomingDeployment;

  /** This node's pronunciation lexicons: the engine's own on a node with the model. */
  private Lexicons lexicons;

  private Path lexiconDir;

  private Path voicesDir;

  private SupertonicServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * @param engine the loaded model; null on a gateway node, which only forwards to workers on the
   *     bus
   * @param encoders audio encoders for the HTTP responses; may be null on a worker-only node
   * @param config the flat server configuration (keys as in conf/config.json, plus {@code role})
   */
  public static Future<SupertonicServer> start(
      Vertx vertx, SupertonicEngine engine, AudioEncoders encoders, JsonObject config) {
    SupertonicServer server = new SupertonicServer(vertx);
    DeploymentOptions options = new DeploymentOptions().setConfig(config);
    MetricsVerticle metrics =
        new MetricsVerticle(
            config.getInteger("observability_buffer_size", MetricsVerticle.DEFAULT_BUFFER_SIZE),
            config.getString("metrics_registry", MetricsSetup.REGISTRY_NAME));
    NodeRole role = NodeRole.parse(config.getString("role", "all"));
    if (role.runsSynthesis() && engine == null) {
      return Future.failedFuture(
          new IllegalArgumentException("A node with role " + role + " needs a loaded model"));
    }
    Future<Void> deployed = server.deploy(metrics, options);
    server.lexicons = engine != null ? engine.text().lexicons() : new Lexicons();
    String lexiconDir = config.getString("lexicon_dir");
    server.lexiconDir = lexiconDir == null ? null : Path.of(lexiconDir);
    String voicesDir = config.getString("voices_dir");
    server.voicesDir = voicesDir == null ? null : Path.of(voicesDir);
    deployed =
        deployed.compose(
            v ->
                server.deploy(
                    new LibraryVerticle(
                        server.lexicons, engine, server.lexiconDir, server.voicesDir),
                    options));
    if (role.runsSynthesis()) {
      deployed =
          deployed.compose(
              v ->
                  server
                      .vertx
                      .deployVerticle(new SynthesisWorkerVerticle(engine), options)
                      .onSuccess(id -> server.workerDeployment = id)
                      .mapEmpty());
    }
    if (role.servesTransports()) {
      deployed =
          deployed
              .compose(v -> server.deployWebSockets(options))
              .compose(v -> server.deployHttp(encoders, options));
    }
    if (WyomingSettings.fromJson(config).enabled()) {
      // Explicitly asked for, so on any role: it reaches the workers over the bus.
      deployed = deployed.compose(v -> server.deployWyoming(options));
    }
    int bridgePort = config.getInteger("bus_bridge_port", 0);
    if (bridgePort > 0) {
      String bridgeHost = config.getString("bus_bridge_host", "127.0.0.1");
      int bridgeMaxFrame =
          config.getInteger(
              "bus_bridge_max_frame_bytes", TcpBridgeVerticle.DEFAULT_MAX_FRAME_BYTES);
      deployed =
          deployed.compose(
              v ->
                  server.deploy(
                      new TcpBridgeVerticle(bridgeHost, bridgePort, bridgeMaxFrame), options));
    }
    return deployed.map(server);
  }

  private Future<Void> deployWyoming(DeploymentOptions options) {
    wyoming = new WyomingVerticle();
    return vertx
        .deployVerticle(wyoming, options)
        .onSuccess(id -> wyomingDeployment = id)
        .mapEmpty();
  }

  /** The Wyoming port, or -1 when the Wyoming server is off. */
  public int wyomingPort() {
    return wyoming == null ? -1 : wyoming.actualPort();
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle, DeploymentOptions options) {
    return vertx.deployVerticle(verticle, options).onSuccess(deployments::push).mapEmpty();
  }

  private Future<Void> deployWebSockets(DeploymentOptions options) {
    return vertx
        .deployVerticle(new WebSocketVerticle(), options)
        .onSuccess(id -> webSockets = id)
        .mapEmpty();
  }

  private Future<Void> deployHttp(AudioEncoders encoders, DeploymentOptions options) {
    http = new HttpVerticle(encoders, this::mountExtraRoutes);
    return vertx.deployVerticle(http, options).onSuccess(id -> httpDeployment = id).mapEmpty();
  }

  private void mountExtraRoutes(Router router, JsonObject config) {
    new MetricsRoutes(vertx).mount(router);
    new LibraryRoutes(vertx, lexicons, lexiconDir, voicesDir).mount(router);
    router.route(HttpVerticle.WEBSOCKET_PATH).handler(new WebSocketRoute(vertx, config));
  }

  /** The HTTP port, or -1 on a worker-only node. */
  public int port() {
    return http == null ? -1 : http.actualPort();
  }

  /**
   * Closes the WebSocket sessions (1001, going away, so agents reconnect elsewhere), then undeploys
   * the rest in reverse order: the HTTP server stops accepting and drains in-flight responses.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    if (wyomingDeployment != null) {
      String id = wyomingDeployment;
      wyomingDeployment = null;
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    if (webSockets != null) {
      String id = webSockets;
      webSockets = null;
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    // The worker drains while the HTTP server does, not after it: queued jobs are handed back at
    // once, so their clients get 503 worker_shutdown on connections that are still open (rather
    // than a connection closed without a response when the HTTP grace runs out), and running jobs
    // share the one grace period.
    String workerId = workerDeployment;
    String httpId = httpDeployment;
    workerDeployment = null;
    httpDeployment = null;
    Future<Void> transportsClosed = chain;
    chain =
        Future.join(
                transportsClosed.compose(v -> undeploy(workerId)),
                transportsClosed.compose(v -> undeploy(httpId)))
            .mapEmpty();
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      chain = chain.compose(v -> vertx.undeploy(id));
    }
    return chain.onSuccess(v -> LOG.info("Server stopped"));
  }

  private Future<Void> undeploy(String id) {
    return id == null ? Future.succeededFuture() : vertx.undeploy(id);
  }
}
