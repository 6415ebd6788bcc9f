package io.supertonic.bridge;

import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.VertxWrapper;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.impl.NetServerInternal;

/**
 * The node's Vert.x, handed to the TCP bridge only so that the {@link NetServer} the bridge creates
 * can be reached: the bridge offers no hook in front of its frame parser, and its connection
 * handler is needed to put one there ({@link FrameSizeGuard}). Everything else is the node's Vert.x
 * unchanged.
 */
final class ServerCapturingVertx extends VertxWrapper {
  private NetServer server;

  ServerCapturingVertx(Vertx vertx) {
    super((VertxInternal) vertx);
  }

  @Override
  public NetServerInternal createNetServer(NetServerOptions options) {
    NetServerInternal created = super.createNetServer(options);
    server = created;
    return created;
  }

  /** The server the bridge created; fails if it created none (a changed bridge). */
  NetServer server() {
    if (server == null) {
      throw new IllegalStateException("the TCP event-bus bridge created no NetServer");
    }
    return server;
  }
}
