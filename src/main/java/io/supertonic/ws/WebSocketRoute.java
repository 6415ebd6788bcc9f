package io.supertonic.ws;

import io.supertonic.http.OpenAiErrors;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mounted by the HTTP verticle at {@code /v1/audio/speech/stream}: upgrades the request and links
 * the socket to a session of {@link WebSocketVerticle} over the event bus ({@link WsBridge}). When
 * the endpoint is disabled it answers 404 in the OpenAI error shape.
 */
public final class WebSocketRoute implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketRoute.class);

  private final Vertx vertx;
  private final boolean enabled;

  /** An enabled endpoint. */
  public WebSocketRoute(Vertx vertx) {
    this(vertx, true);
  }

  /** Reads {@code ws_enabled} from the same config JSON the verticle gets. */
  public WebSocketRoute(Vertx vertx, JsonObject config) {
    this(vertx, WsSettings.truthy(config.getValue("ws_enabled", Boolean.TRUE)));
  }

  public WebSocketRoute(Vertx vertx, boolean enabled) {
    this.vertx = vertx;
    this.enabled = enabled;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!enabled) {
      respondError(
          ctx,
          404,
          "The WebSocket TTS endpoint is disabled on this server (SUPERTONIC_WS_ENABLED=0)",
          "ws_disabled");
      return;
    }
    if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
      respondError(
          ctx,
          400,
          "This endpoint speaks WebSocket: connect with ws://.../v1/audio/speech/stream",
          "websocket_required");
      return;
    }
    if (!validHandshake(request)) {
      respondError(
          ctx,
          400,
          "Invalid WebSocket handshake: a GET with Connection: Upgrade, Sec-WebSocket-Key and"
              + " Sec-WebSocket-Version: 13 is expected",
          "websocket_handshake_invalid");
      return;
    }
    request
        .toWebSocket()
        .onSuccess(socket -> new SocketBridge(vertx, socket).open())
        .onFailure(
            err -> {
              LOG.debug("WebSocket upgrade failed: {}", err.getMessage());
              if (!ctx.response().ended() && !ctx.response().headWritten()) {
                respondError(
                    ctx,
                    400,
                    "WebSocket upgrade failed.",
                    "websocket_upgrade_failed");
              }
            });
  }

  /** Checked here so a bad handshake gets our error body rather than Vert.x's plain text. */
  private static boolean validHandshake(HttpServerRequest request) {
    String connection = request.getHeader("Connection");
    String key = request.getHeader("Sec-WebSocket-Key");
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && connection != null
        && connection.toLowerCase(java.util.Locale.ROOT).contains("upgrade")
        && key != null
        && !key.isBlank()
        && "13".equals(request.getHeader("Sec-WebSocket-Version"));
  }

  private static void respondError(RoutingContext ctx, int status, String message, String code) {
    OpenAiErrors.send(ctx.response(), status, message, null, code);
  }
}
