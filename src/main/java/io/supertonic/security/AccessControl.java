package io.supertonic.security;

import io.supertonic.http.HttpVerticle;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security of one HTTP server, in the order a request meets it: TLS on the port, the origin
 * policy (CORS, WebSocket origins), the API key, then the rate and stream limits on the routes that
 * synthesize. Built from the flat server config ({@link SecuritySettings}).
 */
public final class AccessControl implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final long EVICT_PERIOD_MS = 30_000;

  private final Vertx vertx;
  private final SecuritySettings settings;
  private final ApiKeyStore keys;
  private final TlsSetup tls;
  private final RateLimiter rateLimiter;
  private final StreamSlots streams;
  private long evictTimer = -1;

  private AccessControl(Vertx vertx, SecuritySettings settings, ApiKeyStore keys, TlsSetup tls) {
    this.vertx = vertx;
    this.settings = settings;
    this.keys = keys;
    this.tls = tls;
    this.rateLimiter =
        settings.rateLimitRpm() > 0
            ? new RateLimiter(
                settings.rateLimitRpm(),
                settings.effectiveBurst(),
                RateLimiter.DEFAULT_MAX_BUCKETS,
                System::nanoTime)
            : null;
    this.streams =
        settings.maxStreamsPerKey() > 0 ? new StreamSlots(settings.maxStreamsPerKey()) : null;
  }

  /** Reads the keys, prepares TLS and logs what is protected. */
  public static Future<AccessControl> start(Vertx vertx, JsonObject config) {
    SecuritySettings settings;
    try {
      settings = SecuritySettings.fromConfig(config);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String host = config.getString("host", "0.0.0.0");
    return ApiKeyStore.start(vertx, settings)
        .compose(
            keys ->
                vertx
                    .executeBlocking(() -> new TlsSetup(settings).prepare(host))
                    .map(tls -> new AccessControl(vertx, settings, keys, tls)))
        .onSuccess(access -> access.begin(host));
  }

  private void begin(String host) {
    if (rateLimiter != null) {
      evictTimer = vertx.setPeriodic(EVICT_PERIOD_MS, id -> rateLimiter.evictIdle());
    }
    if (keys.enabled()) {
      LOG.info(
          "API keys required: {} key(s) {}{}; open without a key: health checks, console files{}",
          keys.size(),
          ApiKeys.summary(keys.fingerprints()),
          settings.apiKeysFile() == null ? "" : " (watching " + settings.apiKeysFile() + ")",
          settings.metricsPublic() ? ", metrics" : "");
    } else if (!isLoopback(host)) {
      LOG.warn(
          "No API key is set and the server listens on {}: anyone who can reach this port can use"
              + " it. Set --api-key, SUPERTONIC_API_KEYS or --api-keys-file, or bind --host"
              + " 127.0.0.1.",
          host);
    }
  }

  /** The live key policy, for other servers (e.g. Wyoming) that must accept the same keys. */
  public ApiKeyStore keys() {
    return keys;
  }

  public boolean tls() {
    return settings.tls();
  }

  /** Adds TLS (and ALPN for HTTP/2) to the server's options when configured. */
  public HttpServerOptions secure(HttpServerOptions options) {
    return tls.apply(options);
  }

  /** Mounts the origin policy and the key check in front of every route: call first. */
  public void mountGuards(Router router) {
    router.route().handler(new OriginPolicy(settings.corsOrigins(), settings.effectiveWsOrigins()));
    router.route().handler(new AuthHandler(keys, settings.metricsPublic()));
  }

  /**
   * Mounts the rate and stream limits on the speech endpoint and WebSocket upgrades: call before
   * their own handlers (and before the body is read).
   */
  public void mountLimits(Router router) {
    if (rateLimiter != null) {
      RateLimitHandler rate = new RateLimitHandler(rateLimiter);
      router.post(HttpVerticle.SPEECH_PATH).handler(rate);
      router.route(HttpVerticle.WEBSOCKET_PATH).handler(onlyUpgrades(rate));
    }
    if (streams != null) {
      StreamLimitHandler limit = new StreamLimitHandler(streams);
      router.post(HttpVerticle.SPEECH_PATH).handler(limit);
      router.route(HttpVerticle.WEBSOCKET_PATH).handler(onlyUpgrades(limit));
    }
  }

  private static Handler<RoutingContext> onlyUpgrades(Handler<RoutingContext> handler) {
    return ctx -> {
      if (AuthHandler.isWebSocketUpgrade(ctx.request())) {
        handler.handle(ctx);
      } else {
        ctx.next();
      }
    };
  }

  /** True for a bind address that only this machine can reach (no DNS lookup). */
  public static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.strip();
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!h.matches("[0-9a-fA-F:.\\[\\]]+")) {
      // A host name: resolving it here could block; treat it as reachable from outside.
      return false;
    }
    try {
      return InetAddress.getByName(h.replace("[", "").replace("]", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (evictTimer >= 0) {
      vertx.cancelTimer(evictTimer);
    }
    keys.close();
    tls.close();
  }
}
