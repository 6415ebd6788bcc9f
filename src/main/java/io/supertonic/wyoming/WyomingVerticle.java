package io.supertonic.wyoming;

import io.supertonic.security.AccessControl;
import io.supertonic.security.AddressAllowlist;
import io.supertonic.security.ApiKeyStore;
import io.supertonic.security.PeerAdmission;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Wyoming protocol server (Home Assistant's voice protocol) on its own TCP port. Its sessions
 * reach the synthesis workers over the event bus like the HTTP and WebSocket transports, so it runs
 * on a gateway as well as on a node with the model. It follows the server's API-key policy by peer
 * address ({@link PeerAdmission}), since the protocol carries no key.
 */
public final class WyomingVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WyomingVerticle.class);

  /** The {@code error} code of a refused connection. */
  static final String UNAUTHORIZED = "unauthorized";

  /** How long a refused connection stays open for its error event to be read. */
  static final long REFUSAL_LINGER_MS = 1_000;

  private final Map<String, WyomingSession> sessions = new HashMap<>();
  private WyomingSettings settings;
  private BusSynthesis bus;
  private NetServer server;
  private ZeroconfAnnouncer announcer;
  private ApiKeyStore keys;
  private PeerAdmission admission;

  @Override
  public Future<?> start() {
    settings = WyomingSettings.fromJson(config());
    if (!settings.enabled()) {
      return Future.succeededFuture();
    }
    bus = new BusSynthesis(vertx);
    // The same key sources as the HTTP API: Wyoming is closed exactly when HTTP is.
    return ApiKeyStore.start(vertx, config())
        .compose(
            store -> {
              keys = store;
              admission = PeerAdmission.of(store, settings.allow());
              server =
                  vertx
                      .createNetServer(
                          new NetServerOptions()
                              .setHost(settings.host())
                              .setPort(settings.port())
                              .setTcpNoDelay(true))
                      .connectHandler(this::onConnect);
              return server.listen();
            })
        .compose(
            s -> {
              LOG.info(
                  "Wyoming server listening on {}:{} (Home Assistant: Wyoming Protocol integration)",
                  settings.host(),
                  s.actualPort());
              logAccessPolicy(s.actualPort());
              return announce(s.actualPort());
            })
        .onFailure(
            err -> {
              if (keys != null) {
                keys.close(); // stops watching the keys file of a server that never started
              }
            });
  }

  /** Tells the operator at start who can connect, and warns where that may surprise. */
  private void logAccessPolicy(int port) {
    boolean loopbackBind = AccessControl.isLoopback(settings.host());
    if (!admission.keysOn()) {
      if (!loopbackBind) {
        LOG.warn(
            "No API key is set and the Wyoming server listens on {}: anyone who can reach port {}"
                + " can use it. Set --api-key, SUPERTONIC_API_KEYS or --api-keys-file (Wyoming then"
                + " admits only this machine and {} addresses), or bind --wyoming-host 127.0.0.1.",
            settings.host(),
            port,
            WyomingSettings.ALLOW_OPTION);
      }
      return;
    }
    if (settings.allow().isEmpty()) {
      if (!loopbackBind) {
        LOG.warn(
            "API keys are on and the Wyoming protocol carries none: the Wyoming server on {}:{}"
                + " admits only connections from this machine (loopback). To let Home Assistant on"
                + " another host in, give its address or network with {} ADDR.",
            settings.host(),
            port,
            WyomingSettings.ALLOW_OPTION);
      }
      return;
    }
    LOG.info(
        "Wyoming admits connections from this machine (loopback) and from {} (API keys are on)",
        settings.allow());
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
        .compose(v -> server == null ? Future.succeededFuture() : server.close())
        .onComplete(
            v -> {
              if (keys != null) {
                keys.close();
              }
            });
  }

  private void onConnect(NetSocket socket) {
    if (!admit(socket)) {
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
   * Admits the connection, or answers it with one {@code error} event (code {@code unauthorized})
   * and closes it, before reading anything the client sent.
   */
  private boolean admit(NetSocket socket) {
    String peerAddress =
        socket.remoteAddress() == null ? null : socket.remoteAddress().hostAddress();
    InetAddress peer = AddressAllowlist.peer(peerAddress);
    if (admission.admits(peer)) {
      return true;
    }
    // The address is the kernel's, not the client's words: safe to log as it is.
    LOG.info(
        "Wyoming connection from {} refused: API keys are on, and the peer is neither on this"
            + " machine nor in {}",
        peerAddress,
        WyomingSettings.ALLOW_OPTION);
    socket.exceptionHandler(err -> LOG.debug("Wyoming refused peer: {}", err.toString()));
    // Closing at once would reset the connection as soon as the client's first event arrives,
    // and a reset can discard the error before the client reads it. So the error goes out, what
    // the client sends meanwhile is read and dropped, and the server closes after a short linger
    // (sooner if the client closes first).
    socket.handler(ignored -> {});
    long linger = vertx.setTimer(REFUSAL_LINGER_MS, t -> socket.close());
    socket.closeHandler(v -> vertx.cancelTimer(linger));
    socket.write(
        WyomingEvent.error(
                UNAUTHORIZED,
                "This server requires an API key, which the Wyoming protocol cannot carry, so"
                    + " Wyoming is open only to this machine and to the addresses the operator"
                    + " lists with "
                    + WyomingSettings.ALLOW_OPTION
                    + ".")
            .encode());
    return false;
  }
}
