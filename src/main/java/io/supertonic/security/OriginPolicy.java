package io.supertonic.security;

import io.supertonic.http.OpenAiErrors;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser pages may use the server. Requests without {@code Origin} (curl, SDKs, agents) and
 * same-origin requests (the console) pass; other origins pass only when listed ({@code
 * --cors-origin}, {@code --ws-origin}, {@code *} for any), and then get CORS headers. A foreign
 * origin is refused with 403 before anything runs, WebSocket upgrades included. Credentials
 * (cookies) are never allowed cross-origin: API keys travel in the Authorization header.
 */
final class OriginPolicy implements Handler<RoutingContext> {
  private final Set<String> corsOrigins;
  private final Set<String> wsOrigins;
  private final CorsHandler cors;

  OriginPolicy(List<String> corsOrigins, List<String> wsOrigins) {
    this.corsOrigins = normalized(corsOrigins);
    this.wsOrigins = normalized(wsOrigins);
    this.cors = corsHandler(corsOrigins);
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null || isSameOrigin(origin, request.getHeader(HttpHeaders.HOST))) {
      ctx.next();
      return;
    }
    boolean webSocket = AuthHandler.isWebSocketUpgrade(request);
    Set<String> allowed = webSocket ? wsOrigins : corsOrigins;
    if (!allowed.contains("*") && !allowed.contains(normalize(origin))) {
      OpenAiErrors.send(
          ctx.response(),
          403,
          "invalid_request_error",
          (webSocket ? "WebSocket connections" : "Cross-origin requests")
              + " from this origin are not allowed. The server's operator can allow it with "
              + (webSocket ? "--ws-origin" : "--cors-origin")
              + " ORIGIN.",
          null,
          "origin_not_allowed");
      return;
    }
    if (webSocket) {
      ctx.next();
    } else {
      cors.handle(ctx);
    }
  }

  /**
   * Same origin when the Origin's host and port are the Host header's (a missing port is the
   * default of the Origin's scheme). The scheme is not compared: behind a TLS-terminating proxy the
   * page is https and the request reaching us is http.
   */
  static boolean isSameOrigin(String origin, String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    try {
      URI o = URI.create(origin.strip());
      URI h = URI.create("//" + host.strip());
      if (o.getHost() == null || h.getHost() == null) {
        return false;
      }
      int defaultPort = "https".equalsIgnoreCase(o.getScheme()) ? 443 : 80;
      int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
      int hostPort = h.getPort() < 0 ? defaultPort : h.getPort();
      return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Set<String> normalized(List<String> origins) {
    return Set.copyOf(origins.stream().map(OriginPolicy::normalize).toList());
  }

  /** Browsers send {@code scheme://host[:port]} without a path; compare case-insensitively. */
  private static String normalize(String origin) {
    String o = origin.strip().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }

  private static CorsHandler corsHandler(List<String> origins) {
    // Origins are checked above; the handler writes the headers: the origin echoed, or * when
    // any origin is allowed.
    CorsHandler handler = CorsHandler.create();
    if (origins.contains("*") || origins.isEmpty()) {
      handler.addOrigin("*");
    } else {
      handler.addOrigins(origins.stream().map(OriginPolicy::normalize).toList());
    }
    return handler
        .allowCredentials(false)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.OPTIONS))
        .allowedHeaders(
            Set.of(
                "Content-Type",
                "Authorization",
                "X-Request-Id",
                "OpenAI-Organization",
                "OpenAI-Project"))
        .exposedHeaders(
            Set.of(
                "X-Sample-Rate",
                "X-Voice",
                "X-Language",
                "X-Model",
                "X-Seed",
                "X-Speed",
                "X-Request-Id",
                "X-Audio-Encoding",
                "X-Cache",
                "Server-Timing",
                RateLimitHandler.LIMIT,
                RateLimitHandler.REMAINING,
                RateLimitHandler.RESET,
                "Retry-After"));
  }
}
