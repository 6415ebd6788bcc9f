package io.supertonic.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** Errors in OpenAI's shape: {@code {"error": {"message", "type", "param", "code"}}}. */
public final class OpenAiErrors {
  private OpenAiErrors() {}

  public static JsonObject body(int status, String message, String param, String code) {
    return body(typeFor(status), message, param, code);
  }

  public static JsonObject body(String type, String message, String param, String code) {
    return new JsonObject()
        .put(
            "error",
            new JsonObject()
                .put("message", message)
                .put("type", type)
                .put("param", param)
                .put("code", code));
  }

  /**
   * Ends the response with the error, unless headers already went out (then the caller must reset).
   * Completes once the response is written.
   */
  public static Future<Void> send(
      HttpServerResponse response, int status, String message, String param, String code) {
    return send(response, status, typeFor(status), message, param, code);
  }

  /** As {@link #send(HttpServerResponse, int, String, String, String)}, with an explicit type. */
  public static Future<Void> send(
      HttpServerResponse response,
      int status,
      String type,
      String message,
      String param,
      String code) {
    if (response.headWritten() || response.ended() || response.closed()) {
      return Future.succeededFuture();
    }
    return response
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(body(type, message, param, code).encode());
  }

  static String typeFor(int status) {
    if (status == 401 || status == 403) {
      return "authentication_error";
    }
    if (status == 404) {
      return "not_found_error";
    }
    if (status == 429 || status == 503) {
      return "server_busy_error";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }
}
