package io.supertonic.ws;

import io.supertonic.http.OpenAiErrors;
import io.supertonic.security.StreamLease;
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
    // The client's stream slot (--max-streams-per-key) is held for the socket's life.
    StreamLease lease = StreamLease.takeOver(ctx);
    request
        .toWebSocket()
        .onSuccess(
            socket -> {
              lease.holdUntilClosed(socket);
              new SocketBridge(vertx, socket).open();
            })
        .onFailure(
            err -> {
              lease.release();
              LOG.debug("WebSocket upgrade failed: {}", err.getMessage());
              if (!ctx.response().ended() && !ctx.response().headWritten()) {
                respondError(
                    ctx,
                    400,
                    "WebSocket upgrade failed: " + err.getMessage(),
                    "websocket_upgrade_failed");
              }
            });
  }

  private static void respondError(RoutingContext ctx, int status, String message, String code) {
    OpenAiErrors.send(ctx.response(), status, message, null, code);
  }
}
