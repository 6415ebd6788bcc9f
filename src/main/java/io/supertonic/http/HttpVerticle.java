package io.supertonic.http;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.WorkerDiscovery;
import io.supertonic.config.ServerLimits;
import io.supertonic.security.AccessControl;
import io.supertonic.engine.VoiceAliases;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenAI-compatible HTTP API. Owns the listening port; synthesis goes over the event bus to the
 * worker verticles, so this verticle holds no model state of its own.
 */
public final class HttpVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  static final String VERSION = "0.1.0";

  /** The speech endpoint (OpenAI's path): routed here, rate-limited by access control. */
  public static final String SPEECH_PATH = "/v1/audio/speech";

  /** The WebSocket TTS endpoint: mounted by the server, guarded by access control, gated here. */
  public static final String WEBSOCKET_PATH = "/v1/audio/speech/stream";

  private final AudioEncoders encoders;
  private final BiConsumer<Router, JsonObject> extraRoutes;
  private HttpServer server;
  private AccessControl access;
  private Handler<HttpServerRequest> handler = new StartingResponses();

  /**
   * @param extraRoutes mounts the routes other modules contribute (metrics, WebSocket) before the
   *     console and the 404 fallback; receives this verticle's config
   */
  public HttpVerticle(AudioEncoders encoders, BiConsumer<Router, JsonObject> extraRoutes) {
    this.encoders = encoders;
    this.extraRoutes = extraRoutes;
  }

  @Override
  public Future<?> start() {
    JsonObject config = config();
    return AccessControl.start(vertx, config)
        .compose(
            security -> {
              access = security;
              ServerLimits limits = ServerLimits.fromJson(config);
              HttpGate gate =
                  new HttpGate(
                      vertx,
                      limits,
                      ServerLimits.wsMaxMessageBytes(config),
                      WEBSOCKET_PATH,
                      request -> handler.handle(request));
              server =
                  vertx.createHttpServer(
                      access.secure(
                          new HttpServerOptions()
                              .setCompressionSupported(false)
                              // gzip/deflate request bodies are inflated before the body limit
                              // applies.
                              .setDecompressionSupported(true)
                              // No cleartext HTTP/2 upgrade: "Upgrade: h2c" is ignored, not obeyed.
                              .setHttp2ClearTextEnabled(false)
                              .setIdleTimeout((int) limits.httpIdleTimeoutMs())
                              .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                              .setMaxInitialLineLength(limits.maxUrlBytes())
                              .setMaxHeaderSize(limits.maxHeaderBytes())
                              // The protocol's own limit: a larger message is refused as it
                              // arrives and the socket closed with 1009 (see ws.WebSocketRoute).
                              .setMaxWebSocketMessageSize(ServerLimits.wsMaxMessageBytes(config))
                              .setMaxWebSocketFrameSize(ServerLimits.wsMaxMessageBytes(config))));
              // The port opens at once and answers 503 until a worker is found (a gateway may
              // wait for one), so probes see "starting" instead of a refused connection.
              return server
                  .connectionHandler(gate::onConnection)
                  .invalidRequestHandler(
                      new InvalidRequests(limits.maxUrlBytes(), limits.maxHeaderBytes()))
                  .requestHandler(gate::onRequest)
                  .listen(config.getInteger("port", 8000), config.getString("host", "0.0.0.0"));
            })
        .compose(s -> WorkerDiscovery.await(vertx, config.getLong("worker_wait_ms", 0L)))
        .map(
            workerInfo -> {
              handler = router(config, workerInfo);
              return server;
            })
        .onSuccess(
            s ->
                LOG.info(
                    "HTTP API listening on {}://{}:{}",
                    access.tls() ? "https" : "http",
                    config.getString("host", "0.0.0.0"),
                    s.actualPort()));
  }

  /** The port actually bound (useful with port 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private Router router(JsonObject config, JsonObject workerInfo) {
    Router router = Router.router(vertx);
    int maxInputChars = config.getInteger("max_input_chars", 20000);
    long bodyLimit = ServerLimits.fromJson(config).bodyLimit(maxInputChars);
    SpeechRequestParser parser =
        new SpeechRequestParser(
            maxInputChars,
            config.getDouble("speed", 1.05),
            config.getInteger("pcm_sample_rate", 0),
            ServerLimits.fromJson(config).maxAudioSeconds());
    // Jobs go to live workers that serve the model this gateway announced.
    SynthesisClient client = new SynthesisClient(vertx, workerInfo.getString("model"));

    // Every speech request is counted, refusals (401, 429, 4xx) included.
    router.post(SPEECH_PATH).handler(RejectedSpeechRecords::handle);
    // Origins, then API keys, in front of every route; limits before the body is read.
    access.mountGuards(router);
    access.mountLimits(router);
    router.post(SPEECH_PATH).handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
    router
        .post(SPEECH_PATH)
        .handler(
            new SpeechHandler(
                client,
                parser,
                encoders,
                workerInfo.getString("model"),
                new SpeechCache(vertx, config.getLong("cache_mb", 0L) * 1024 * 1024),
                config.getLong("seed")));
    int pcmSampleRate = config.getInteger("pcm_sample_rate", 0);
    VoiceAliases aliases = VoiceAliases.fromJson(config.getJsonObject("voice_aliases"));
    new CatalogHandlers(workerInfo, pcmSampleRate, aliases).mount(router);
    new HealthRoutes(
            vertx,
            workerInfo,
            client.directory(),
            config.getBoolean("ws_enabled", true),
            VERSION,
            pcmSampleRate,
            aliases)
        .mount(router);
    extraRoutes.accept(router, config);
    if (config.getBoolean("ui", true)) {
      router.get("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
    }
    ErrorResponses.install(router);
    return router;
  }

  @Override
  public Future<?> stop() {
    if (access != null) {
      access.close();
    }
    // Graceful: stop accepting, let in-flight responses finish within the deadline.
    return server == null
        ? Future.succeededFuture()
        : server.shutdown(
            config().getLong("shutdown_grace_ms", 10_000L),
            java.util.concurrent.TimeUnit.MILLISECONDS);
  }
}
