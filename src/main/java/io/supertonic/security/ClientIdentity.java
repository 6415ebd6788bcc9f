package io.supertonic.security;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who a request counts against for rate and stream limits: the fingerprint of its API key, or its
 * client address when the server runs without keys. Set by {@link AuthHandler}.
 */
public final class ClientIdentity {
  static final String KEY = "supertonic.client";

  private ClientIdentity() {}

  static void set(RoutingContext ctx, String id) {
    ctx.put(KEY, id);
  }

  /** The identity {@link AuthHandler} recorded, or the client address. */
  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id != null ? id : address(ctx);
  }

  static String address(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return "addr:" + (remote == null ? "unknown" : remote.hostAddress());
  }
}
