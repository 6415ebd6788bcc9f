package io.supertonic.security;

import io.supertonic.http.OpenAiErrors;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds one of the client's stream slots for the life of a speech response or a WebSocket session;
 * beyond {@code --max-streams-per-key} the request gets 429 {@code rate_limit_exceeded}.
 */
final class StreamLimitHandler implements Handler<RoutingContext> {
  private final StreamSlots slots;

  StreamLimitHandler(StreamSlots slots) {
    this.slots = slots;
  }

  @Override
  public void handle(RoutingContext ctx) {
    StreamLease lease = slots.tryAcquire(ClientIdentity.of(ctx));
    if (lease == null) {
      ctx.response().putHeader("Retry-After", "1");
      OpenAiErrors.send(
          ctx.response(),
          429,
          "requests",
          "Too many concurrent streams: "
              + slots.limit()
              + " at a time per "
              + (ClientIdentity.of(ctx).startsWith("key:") ? "API key" : "client address")
              + " (--max-streams-per-key). Wait for one to finish.",
          null,
          "rate_limit_exceeded");
      return;
    }
    if (AuthHandler.isWebSocketUpgrade(ctx.request())) {
      // The socket outlives this request: the WebSocket route takes the lease over and releases
      // it when the socket closes. Until then, the end of the request releases it.
      ctx.put(StreamLease.KEY, lease);
      ctx.addEndHandler(
          r -> {
            if (ctx.get(StreamLease.KEY) == lease) {
              lease.release();
            }
          });
    } else {
      ctx.addEndHandler(r -> lease.release());
    }
    ctx.next();
  }
}
