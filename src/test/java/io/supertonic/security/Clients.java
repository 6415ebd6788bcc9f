package io.supertonic.security;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** Blocking HTTP and WebSocket calls with chosen headers, for the access-control tests. */
final class Clients {
  static final long TIMEOUT_S = 20;
  static final String SPEECH =
      "{\"input\":\"Hello there.\",\"voice\":\"F1\",\"response_format\":\"pcm\"}";

  private final HttpClient http;
  private final String baseUrl;

  Clients(String baseUrl) {
    this(baseUrl, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1));
  }

  Clients(String baseUrl, HttpClient.Builder builder) {
    this.baseUrl = baseUrl;
    this.http = builder.connectTimeout(Duration.ofSeconds(TIMEOUT_S)).build();
  }

  /** A client that trusts any certificate: for the self-signed test server only. */
  static HttpClient.Builder trustingAll() throws Exception {
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
    return HttpClient.newBuilder().sslContext(ssl);
  }

  HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
    return send(request(path, headers).GET());
  }

  HttpResponse<String> post(String path, String body, Map<String, String> headers)
      throws Exception {
    return send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> speech(Map<String, String> headers) throws Exception {
    return post("/v1/audio/speech", SPEECH, headers);
  }

  HttpResponse<String> options(String path, Map<String, String> headers) throws Exception {
    return send(request(path, headers).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<java.io.InputStream> stream(String path, String body, Map<String, String> headers)
      throws Exception {
    return http.send(
        request(path, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private HttpRequest.Builder request(String path, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(TIMEOUT_S));
    headers.forEach(request::header);
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Map<String, String> bearer(String key) {
    return Map.of("Authorization", "Bearer " + key);
  }

  static JsonObject error(HttpResponse<String> response) {
    return new JsonObject(response.body()).getJsonObject("error");
  }

  /**
   * Opens the WebSocket endpoint; returns the socket, or the HTTP status the upgrade was refused
   * with (as {@link Refused}).
   */
  static Object webSocket(
      Vertx vertx, int port, String uri, Map<String, String> headers, boolean tls)
      throws Exception {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions().setSsl(tls).setTrustAll(tls).setVerifyHost(false));
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri).setSsl(tls);
    headers.forEach(options::addHeader);
    return client
        .connect(options)
        .map(s -> (Object) s)
        .recover(
            err ->
                err instanceof UpgradeRejectedException rejected
                    ? io.vertx.core.Future.succeededFuture(
                        new Refused(rejected.getStatus(), rejected.getBody().toString()))
                    : io.vertx.core.Future.failedFuture(err))
        .toCompletionStage()
        .toCompletableFuture()
        .get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  static Object webSocket(Vertx vertx, int port, Map<String, String> headers) throws Exception {
    return webSocket(vertx, port, "/v1/audio/speech/stream", headers, false);
  }

  /** An upgrade the server refused. */
  record Refused(int status, String body) {
    JsonObject error() {
      return new JsonObject(body).getJsonObject("error");
    }
  }

  static void close(Object socket) throws Exception {
    if (socket instanceof WebSocket ws) {
      ws.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_S, TimeUnit.SECONDS);
    }
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
