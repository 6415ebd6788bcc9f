package io.supertonic.ws;

import io.supertonic.config.ServerLimits;
import io.supertonic.http.OpenAiErrors;
import io.supertonic.security.StreamLease;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
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
  private final ServerLimits limits;
  private final int maxMessageBytes;

  /** Sockets this route opened; closed ones are pruned when the next upgrade counts them. */
  private final List<ServerWebSocket> open = new ArrayList<>();

  private int upgrading;

  /** An enabled endpoint. */
  public WebSocketRoute(Vertx vertx) {
    this(vertx, true);
  }

  /** Reads {@code ws_enabled} from the same config JSON the verticle gets. */
  public WebSocketRoute(Vertx vertx, JsonObject config) {
    this(
        vertx,
        WsSettings.truthy(config.getValue("ws_enabled", Boolean.TRUE)),
        ServerLimits.fromJson(config),
        ServerLimits.wsMaxMessageBytes(config));
  }

  public WebSocketRoute(Vertx vertx, boolean enabled) {
    this(vertx, enabled, ServerLimits.defaults(), WsSettings.DEFAULT_MAX_MESSAGE_BYTES);
  }

  private WebSocketRoute(Vertx vertx, boolean enabled, ServerLimits limits, int maxMessageBytes) {
    this.vertx = vertx;
    this.enabled = enabled;
    this.limits = limits;
    this.maxMessageBytes = maxMessageBytes;
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
    open.removeIf(ServerWebSocket::isClosed);
    if (open.size() + upgrading >= limits.wsMaxSessions()) {
      ctx.response().putHeader("Retry-After", "1");
      respondError(
          ctx,
          503,
          "The server has its maximum of "
              + limits.wsMaxSessions()
              + " WebSocket sessions (ws_max_sessions); retry later",
          "server_busy");
      return;
    }
    // The client's stream slot (--max-streams-per-key) is held for the socket's life.
    StreamLease lease = StreamLease.takeOver(ctx);
    upgrading++;
    request
        .toWebSocket()
        .onComplete(done -> upgrading--)
        .onSuccess(
            socket -> {
              lease.holdUntilClosed(socket);
              opened(socket);
            })
        .onFailure(
            err -> {
              lease.release();
              LOG.debug("WebSocket upgrade failed: {}", err.getMessage());
              if (!ctx.response().ended() && !ctx.response().headWritten()) {
                respondError(ctx, 400, "WebSocket upgrade failed.", "websocket_upgrade_failed");
              }
            });
  }

  private void opened(ServerWebSocket socket) {
    open.add(socket);
    new SocketBridge(vertx, socket).open();
    // Replaces the bridge's handler, which only logs: Vert.x reports a message over its size
    // limit here and drops it, so the client would never learn why.
    socket.exceptionHandler(
        err -> {
          if (err instanceof IllegalStateException && !socket.isClosed()) {
            socket.close(WsSession.CLOSE_TOO_BIG, WsSession.tooBigReason(maxMessageBytes));
          } else {
            LOG.debug("WebSocket error: {}", err.getMessage());
          }
        });
    WsKeepAlive.start(vertx, socket, limits.wsPingIntervalMs());
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
