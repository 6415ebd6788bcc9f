package io.supertonic.http;

import io.supertonic.config.ServerLimits;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection and request passes before the router: the per-client connection limit, the
 * request deadline that drops slow-loris clients, and the HTTP-level refusals the router never sees
 * ({@code Expect}, unwanted upgrades). Runs on the HTTP verticle's event loop, so its maps need no
 * locking.
 */
final class HttpGate {
  private static final Logger LOG = LoggerFactory.getLogger(HttpGate.class);

  /** How long a client over its connection limit has to send the request that gets it a 429. */
  private static final long OVER_LIMIT_GRACE_MS = 2_000;

  private final Vertx vertx;
  private final ServerLimits limits;
  private final int wsMaxMessageBytes;
  private final String webSocketPath;
  private final Handler<HttpServerRequest> router;
  private final Map<HttpConnection, Connection> connections = new IdentityHashMap<>();
  private final Map<String, Integer> perClient = new HashMap<>();

  HttpGate(
      Vertx vertx,
      ServerLimits limits,
      int wsMaxMessageBytes,
      String webSocketPath,
      Handler<HttpServerRequest> router) {
    this.vertx = vertx;
    this.limits = limits;
    this.wsMaxMessageBytes = wsMaxMessageBytes;
    this.webSocketPath = webSocketPath;
    this.router = router;
  }

  /** Open connections, for tests and metrics. */
  int openConnections() {
    return connections.size();
  }

  void onConnection(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      HttpProtocolGuard.install(base.channel().pipeline(), wsMaxMessageBytes);
    }
    String client =
        connection.remoteAddress() == null ? "?" : connection.remoteAddress().hostAddress();
    int count = perClient.merge(client, 1, Integer::sum);
    boolean overLimit =
        limits.maxConnectionsPerClient() > 0 && count > limits.maxConnectionsPerClient();
    Connection state = new Connection(connection, client, overLimit);
    connections.put(connection, state);
    connection.closeHandler(v -> state.closed());
    state.startWaiting();
  }

  void onRequest(HttpServerRequest request) {
    Connection state = connections.get(request.connection());
    if (state != null) {
      state.onRequest(request);
      if (state.overLimit) {
        request.response().putHeader("Retry-After", "1");
        refuse(
            request,
            429,
            "Too many open connections from your address (the limit is "
                + limits.maxConnectionsPerClient()
                + "); reuse connections or close idle ones.",
            "too_many_connections");
        return;
      }
    }
    String expect = request.getHeader("Expect");
    if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
      refuse(
          request, 417, "The only supported Expect value is 100-continue.", "expectation_failed");
      return;
    }
    String upgrade = request.getHeader("Upgrade");
    if (upgrade != null
        && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket")
        && !webSocketPath.equals(request.path())) {
      refuse(
          request,
          400,
          "WebSocket is served only at " + webSocketPath + ".",
          "websocket_not_supported_here");
      return;
    }
    if (state != null && upgrade != null && webSocketPath.equals(request.path())) {
      // A WebSocket lives as long as it likes; its own idle timeout and pings watch it.
      state.exempt();
    }
    router.handle(request);
  }

  private static void refuse(HttpServerRequest request, int status, String message, String code) {
    request.response().putHeader("Connection", "close");
    OpenAiErrors.send(request.response(), status, message, null, code)
        .onComplete(done -> request.connection().close());
  }

  /**
   * One connection's request deadline. A request's headers and body must arrive within the request
   * timeout of the connection opening or of the previous response ending; time spent synthesizing
   * and streaming does not count. Checked on a coarse timer rather than per byte.
   */
  private final class Connection {
    private final HttpConnection connection;
    private final String client;
    private final boolean overLimit;
    private HttpServerRequest current;
    private long waitingSince;
    private long timer = -1;
    private boolean exempt;
    private boolean closed;

    Connection(HttpConnection connection, String client, boolean overLimit) {
      this.connection = connection;
      this.client = client;
      this.overLimit = overLimit;
    }

    private long timeoutMs() {
      return overLimit
          ? Math.min(OVER_LIMIT_GRACE_MS, limits.requestTimeoutMs())
          : limits.requestTimeoutMs();
    }

    void startWaiting() {
      waitingSince = System.nanoTime();
      if (limits.requestTimeoutMs() > 0) {
        long period = Math.max(50, Math.min(1_000, timeoutMs() / 4));
        timer = vertx.setPeriodic(period, id -> check());
      }
    }

    void onRequest(HttpServerRequest request) {
      if (request.version() != HttpVersion.HTTP_1_0 && request.version() != HttpVersion.HTTP_1_1) {
        // HTTP/2 multiplexes; its streams are watched by the idle timeout.
        exempt();
        return;
      }
      current = request;
    }

    void exempt() {
      exempt = true;
      cancelTimer();
    }

    private void check() {
      if (closed || exempt) {
        cancelTimer();
        return;
      }
      long now = System.nanoTime();
      if (current != null && current.isEnded()) {
        if (current.response().ended()) {
          // Between requests on a kept-alive connection: the next one gets a full timeout.
          current = null;
        }
        waitingSince = now;
        return;
      }
      if ((now - waitingSince) / 1_000_000 < timeoutMs()) {
        return;
      }
      cancelTimer();
      if (current == null) {
        LOG.debug("Dropped a connection from {}: no complete request in time", client);
        connection.close();
      } else {
        LOG.debug("Dropped a request from {}: body not complete in time", client);
        refuse(
            current,
            408,
            "The request did not arrive completely within "
                + limits.requestTimeoutMs()
                + " ms (request timeout).",
            "request_timeout");
      }
    }

    void closed() {
      if (closed) {
        return;
      }
      closed = true;
      cancelTimer();
      connections.remove(connection);
      perClient.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    private void cancelTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
