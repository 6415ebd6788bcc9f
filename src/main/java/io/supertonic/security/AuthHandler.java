package io.supertonic.security;

import io.supertonic.http.OpenAiErrors;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires an API key on every route except the health checks, the console's static files and, when
 * configured, the metrics. HTTP clients send {@code Authorization: Bearer KEY}; a WebSocket upgrade
 * may instead carry {@code ?api_key=KEY}, because browsers cannot set headers on a WebSocket.
 * Closed by default: a route added later needs a key unless it is listed here.
 */
public final class AuthHandler implements io.vertx.core.Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
  public static final String QUERY_PARAM = "api_key";
  private static final Set<String> HEALTH = Set.of("/healthz", "/health", "/readyz");
  private static final Set<String> CONSOLE_FILES = Set.of("/", "/index.html", "/favicon.ico");
  private static final List<String> CONSOLE_DIRS = List.of("/js/", "/css/");

  private final ApiKeyStore keys;
  private final boolean metricsPublic;

  public AuthHandler(ApiKeyStore keys, boolean metricsPublic) {
    this.keys = keys;
    this.metricsPublic = metricsPublic;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!keys.enabled() || isOpen(ctx)) {
      ClientIdentity.set(ctx, ClientIdentity.address(ctx));
      ctx.next();
      return;
    }
    HttpServerRequest request = ctx.request();
    String presented = bearer(request.getHeader(HttpHeaders.AUTHORIZATION));
    if (presented == null && isWebSocketUpgrade(request)) {
      presented = ctx.queryParams().get(QUERY_PARAM);
    }
    if (presented == null) {
      refuse(
          ctx,
          "You didn't provide an API key. Send it in an Authorization header using Bearer auth"
              + " (Authorization: Bearer YOUR_KEY), or as ?api_key=YOUR_KEY on a WebSocket URL.");
      return;
    }
    Optional<String> fingerprint = keys.match(presented);
    if (fingerprint.isEmpty()) {
      LOG.debug(
          "Refused an unknown API key ({}) for {} from {}",
          ApiKeys.fingerprint(presented),
          ctx.normalizedPath(),
          ClientIdentity.address(ctx));
      refuse(ctx, "Incorrect API key provided.");
      return;
    }
    ClientIdentity.set(ctx, "key:" + fingerprint.get());
    ctx.next();
  }

  private boolean isOpen(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    if (HEALTH.contains(path)) {
      return true;
    }
    if (metricsPublic && (path.equals("/metrics") || path.startsWith("/metrics/"))) {
      return true;
    }
    // The console's files are the public code of this project and hold no data; the console then
    // asks for a key when its API calls get a 401.
    HttpMethod method = ctx.request().method();
    boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD;
    return read
        && (CONSOLE_FILES.contains(path) || CONSOLE_DIRS.stream().anyMatch(path::startsWith));
  }

  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = value.substring(7).strip();
      return key.isEmpty() ? null : key;
    }
    return null;
  }

  static boolean isWebSocketUpgrade(HttpServerRequest request) {
    return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
  }

  private static void refuse(RoutingContext ctx, String message) {
    ctx.response().putHeader("WWW-Authenticate", "Bearer");
    OpenAiErrors.send(
        ctx.response(), 401, "invalid_request_error", message, null, "invalid_api_key");
  }
}
