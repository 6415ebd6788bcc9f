package io.supertonic.bridge;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.bridge.BridgeEventType;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional TCP event-bus bridge (Vert.x's, framed as a 4-byte big-endian length and a JSON
 * object): services in other languages speak the same synthesis contract as Vert.x clients, limited
 * to it by {@link SynthesisBridgePermissions}, and with frames capped at {@code maxFrameBytes} by
 * {@link FrameSizeGuard}. Off unless {@code bus_bridge_port} is set.
 */
public final class TcpBridgeVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(TcpBridgeVerticle.class);

  /** Largest frame a bridge client may send, unless {@code bus_bridge_max_frame_bytes} says. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

  private final String host;
  private final int port;
  private final int maxFrameBytes;
  private TcpEventBusBridge bridge;

  public TcpBridgeVerticle(String host, int port) {
    this(host, port, DEFAULT_MAX_FRAME_BYTES);
  }

  public TcpBridgeVerticle(String host, int port, int maxFrameBytes) {
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException("max frame bytes must be positive, got " + maxFrameBytes);
    }
    this.host = host;
    this.port = port;
    this.maxFrameBytes = maxFrameBytes;
  }

  @Override
  public Future<?> start() {
    ServerCapturingVertx capturing = new ServerCapturingVertx(vertx);
    bridge =
        TcpEventBusBridge.create(
            capturing,
            SynthesisBridgePermissions.options(),
            new NetServerOptions().setTcpNoDelay(true),
            this::onEvent);
    NetServer server = capturing.server();
    Handler<NetSocket> bridgeConnection = server.connectHandler();
    server.connectHandler(
        socket -> {
          FrameSizeGuard.install(socket, maxFrameBytes);
          bridgeConnection.handle(socket);
        });
    return bridge
        .listen(port, host)
        .onSuccess(
            b ->
                LOG.info(
                    "TCP event-bus bridge listening on {}:{} (synthesis addresses only, frames up"
                        + " to {} bytes)",
                    host,
                    port,
                    maxFrameBytes));
  }

  /**
   * Nothing in the synthesis contract is published by a client; a publish to the entry address
   * would start the same job on every worker, so it is refused before the address checks.
   */
  private void onEvent(BridgeEvent event) {
    if (event.type() == BridgeEventType.PUBLISH) {
      JsonObject raw = event.getRawMessage();
      LOG.debug(
          "Bridge client {} tried to publish to {}: refused",
          event.socket().remoteAddress(),
          raw == null ? null : raw.getString("address"));
      event.complete(false);
      return;
    }
    event.complete(true);
  }

  @Override
  public Future<?> stop() {
    return bridge == null ? Future.succeededFuture() : bridge.close();
  }
}
