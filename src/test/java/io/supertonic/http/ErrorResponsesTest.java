package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad request gets a 4xx with OpenAI's error JSON naming the field and the valid values. */
class ErrorResponsesTest {
  @RegisterExtension
  static final ServerPerClass SERVER =
      new ServerPerClass(new JsonObject().put("max_input_chars", 1000));

  private static HttpTestClient http() {
    return SERVER.http();
  }

  static JsonObject assertOpenAiError(HttpResponse<?> response, int status, String param) {
    assertEquals(status, response.statusCode(), () -> String.valueOf(response.body()));
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    JsonObject error = HttpTestClient.json(response).getJsonObject("error");
    assertNotNull(error, "error object");
    assertTrue(
        error.containsKey("message")
            && error.containsKey("type")
            && error.containsKey("param")
            && error.containsKey("code"),
        error.encode());
    assertTrue(!error.getString("message").isBlank());
    assertEquals(param, error.getString("param"));
    return error;
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of(new JsonObject().put("voice", "alloy"), "input", "required"),
        Arguments.of(new JsonObject().put("input", "   "), "input", "text"),
        Arguments.of(new JsonObject().put("input", 42), "input", "string"),
        Arguments.of(new JsonObject().put("input", "x".repeat(1001)), "input", "1000"),
        Arguments.of(new JsonObject().put("input", "Hi.").put("voice", "nobody"), "voice", "alloy"),
        Arguments.of(
            new JsonObject().put("input", "Hi.").put("response_format", "m4a"),
            "response_format",
            "mp3, wav, pcm, opus, flac, aac"),
        Arguments.of(
            new JsonObject().put("input", "Hi.").put("response_format", "ogg"),
            "response_format",
            "mp3, wav, pcm"),
        Arguments.of(new JsonObject().put("input", "Hi.").put("speed", 9), "speed", "0.25"),
        Arguments.of(new JsonObject().put("input", "Hi.").put("speed", "fast"), "speed", "number"),
        Arguments.of(
            new JsonObject().put("input", "Hi.").put("total_steps", 0), "total_steps", "1 and 50"),
        Arguments.of(
            new JsonObject().put("input", "Hi.").put("stream_format", "ws"),
            "stream_format",
            "sse"),
        Arguments.of(new JsonObject().put("input", "Hi.").put("lang", "xx"), "lang", "en"),
        Arguments.of(
            new JsonObject().put("input", "Hi.").put("sample_rate", 96000),
            "sample_rate",
            "8000 and 48000"),
        Arguments.of(
            new JsonObject()
                .put("input", "Hi.")
                .put("response_format", "mp3")
                .put("sample_rate", 44000),
            "sample_rate",
            "22050"));
  }

  @ParameterizedTest
  @MethodSource("badBodies")
  void invalidFieldsAreNamed(JsonObject body, String param, String hint) throws Exception {
    JsonObject error = assertOpenAiError(http().speech(body), 400, param);
    assertEquals("invalid_request_error", error.getString("type"));
    assertTrue(error.getString("message").contains(hint), error.getString("message"));
  }

  @Test
  void malformedJsonIs400() throws Exception {
    JsonObject error =
        assertOpenAiError(
            http().post("/v1/audio/speech", "application/json", "{\"input\": "), 400, null);
    assertEquals("invalid_json", error.getString("code"));
  }

  @Test
  void wrongContentTypeIs415() throws Exception {
    assertOpenAiError(http().post("/v1/audio/speech", "text/plain", "hello"), 415, null);
  }

  @Test
  void tooLargeBodyIs413() throws Exception {
    String huge = new JsonObject().put("input", "y".repeat(200_000)).encode();
    assertOpenAiError(http().post("/v1/audio/speech", "application/json", huge), 413, "input");
  }

  @Test
  void unknownRouteIs404() throws Exception {
    assertOpenAiError(http().get("/v1/nothing/here"), 404, null);
  }

  @Test
  void unknownModelIs404() throws Exception {
    assertOpenAiError(http().get("/v1/models/gpt-5"), 404, "model");
  }

  @Test
  void wrongMethodIs405() throws Exception {
    assertOpenAiError(http().post("/v1/models", "application/json", "{}"), 405, null);
  }
}
