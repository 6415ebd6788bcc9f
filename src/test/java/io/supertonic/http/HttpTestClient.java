package io.supertonic.http;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Blocking HTTP calls for tests (never on an event loop). */
final class HttpTestClient {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String baseUrl;

  HttpTestClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  HttpResponse<byte[]> speech(JsonObject body) throws Exception {
    return post("/v1/audio/speech", "application/json", body.encode());
  }

  HttpResponse<byte[]> post(String path, String contentType, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<java.io.InputStream> speechStream(JsonObject body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/v1/audio/speech"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonObject json(HttpResponse<?> response) {
    Object body = response.body();
    return new JsonObject(
        body instanceof byte[] b
            ? new String(b, java.nio.charset.StandardCharsets.UTF_8)
            : (String) body);
  }
}
