package io.supertonic.security;

import io.vertx.core.http.WebSocketBase;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;

/** One of a client's stream slots ({@code --max-streams-per-key}); releasing twice counts once. */
public final class StreamLease {
  static final String KEY = "supertonic.streamLease";

  private final Runnable onRelease;
  private final AtomicBoolean released = new AtomicBoolean();

  StreamLease(Runnable onRelease) {
    this.onRelease = onRelease;
  }

  public void release() {
    if (released.compareAndSet(false, true)) {
      onRelease.run();
    }
  }

  /**
   * For the WebSocket route, before it upgrades: takes over the request's lease (if the stream
   * limit is on) so that it is held until the socket ends. Returns a lease to release when the
   * upgrade fails; a no-op when there is no limit.
   */
  public static StreamLease takeOver(RoutingContext ctx) {
    StreamLease lease = ctx.get(KEY);
    if (lease == null) {
      return new StreamLease(() -> {});
    }
    ctx.remove(KEY);
    return lease;
  }

  /** Releases this lease when the socket ends (however it ends). */
  public void holdUntilClosed(WebSocketBase socket) {
    socket.endHandler(v -> release());
  }
}
