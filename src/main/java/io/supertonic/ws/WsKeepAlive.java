package io.supertonic.ws;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/**
 * Pings a socket every interval and closes it when no pong came back for two intervals: a peer that
 * vanished without a FIN (a laptop lid, a dropped NAT mapping) frees its session instead of holding
 * it until the idle timeout. The traffic also keeps proxies from cutting a quiet socket.
 */
final class WsKeepAlive {
  static final short CLOSE_NO_PONG = 1001;
  private static final Buffer PING = Buffer.buffer("keepalive");

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final long intervalMs;
  private long lastPongNanos = System.nanoTime();

  private WsKeepAlive(Vertx vertx, ServerWebSocket socket, long intervalMs) {
    this.vertx = vertx;
    this.socket = socket;
    this.intervalMs = intervalMs;
  }

  /** Starts pinging; stops by itself once the socket is closed. No-op for an interval of 0. */
  static void start(Vertx vertx, ServerWebSocket socket, long intervalMs) {
    if (intervalMs <= 0) {
      return;
    }
    WsKeepAlive keepAlive = new WsKeepAlive(vertx, socket, intervalMs);
    socket.pongHandler(pong -> keepAlive.lastPongNanos = System.nanoTime());
    vertx.setPeriodic(intervalMs, keepAlive::tick);
  }

  private void tick(long timerId) {
    if (socket.isClosed()) {
      vertx.cancelTimer(timerId);
      return;
    }
    if ((System.nanoTime() - lastPongNanos) / 1_000_000 > 2 * intervalMs) {
      vertx.cancelTimer(timerId);
      socket.close(CLOSE_NO_PONG, "no pong for " + 2 * intervalMs + " ms");
      return;
    }
    socket.writePing(PING);
  }
}
