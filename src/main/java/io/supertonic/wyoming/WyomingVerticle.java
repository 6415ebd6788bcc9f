package io.supertonic.wyoming;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Wyoming protocol server (Home Assistant's voice protocol) on its own TCP port. Its sessions
 * reach the synthesis workers over the event bus like the HTTP and WebSocket transports, so it runs
 * on a gateway as well as on a node with the model.
 */
public final class WyomingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WyomingVerticle.class);

  private final Map<String, WyomingSession> sessions = new HashMap<>();
  private WyomingSettings settings;
  private BusSynthesis bus;
  private NetServer server;
  private ZeroconfAnnouncer announcer;

  @Override
  public Future<?> start() {
    settings = WyomingSettings.fromJson(config());
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    bus = new BusSynthesis(vertx);
    server =
        vertx
            .createNetServer(
                new NetServerOptions()
                    .setHost(settings.host())
                    .setPort(settings.port())
                    .setTcpNoDelay(true))
            .connectHandler(this::onConnect);
    return server
        .listen()
        .compose(
            s -> {
              LOG.info(
                  "Wyoming server listening on {}:{} (Home Assistant: Wyoming Protocol integration)",
                  settings.host(),
                  s.actualPort());
              return announce(s.actualPort());
            });
  }

  private Future<Void> announce(int port) {
    if (!settings.zeroconf()) {
      return Future.succeededFuture();
    }
    return vertx
        .executeBlocking(() -> ZeroconfAnnouncer.start(settings.host(), port))
        .onSuccess(a -> announcer = a)
        .onFailure(err -> LOG.warn("Zeroconf announcement failed: {}", err.toString()))
        .<Void>mapEmpty()
        .recover(err -> Future.succeededFuture());
  }

  /** The bound port, or -1 when the Wyoming server is off. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  @Override
  public Future<?> stop() {
    List.copyOf(sessions.values()).forEach(WyomingSession::close);
    Future<Void> unannounced =
        announcer == null
            ? Future.succeededFuture()
            : vertx.executeBlocking(
                () -> {
                  announcer.close();
                  return null;
                });
    return unannounced
        .compose(v -> bus == null ? Future.succeededFuture() : bus.close())
        .compose(v -> server == null ? Future.succeededFuture() : server.close());
  }

  private void onConnect(NetSocket socket) {
    if (!admit(socket)) {
      socket.close();
      return;
    }
    String id = "wy-" + UUID.randomUUID().toString().substring(0, 8);
    WyomingSession session =
        new WyomingSession(vertx, socket, settings, bus, id, s -> sessions.remove(s.id()));
    sessions.put(id, session);
    LOG.debug("Wyoming {}: connection from {}", id, socket.remoteAddress());
    session.start();
  }

  /**
   * SECURITY HOOK (API keys): the one place where the server's key policy decides whether a Wyoming
   * connection may synthesize. The protocol has no field for a key, so when keys are on this is
   * where an address allow-list or "Wyoming only on a trusted interface" rule belongs.
   */
  private boolean admit(NetSocket socket) {
    return true;
  }
}
