package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The speech endpoint reads its body strictly, answers every refusal in the OpenAI shape with the
 * field named, and keeps untrusted input out of its messages and log lines.
 */
class StrictRequestTest {
  @RegisterExtension
  static final ServerPerClass SERVER =
      new ServerPerClass(new JsonObject().put("max_audio_seconds", 120));

  private static HttpResponse<byte[]> post(String contentType, String body) throws Exception {
    return SERVER.http().post("/v1/audio/speech", contentType, body);
  }

  private static JsonObject error(HttpResponse<byte[]> response) {
    JsonObject error = HttpTestClient.json(response).getJsonObject("error");
    for (String internal : List.of("java.", "class ", "Jackson", "Source:", "Exception")) {
      assertFalse(error.getString("message").contains(internal), error.encode());
    }
    return error;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "comment           | {\"input\": \"hi\" /* note */}",
        "hash comment      | {\"input\": \"hi\"} # note",
        "trailing garbage  | {\"input\": \"hi\"} x",
        "second object     | {\"input\": \"hi\"}{}",
        "bare string       | \"hello\"",
        "bare number       | 42",
        "bare array        | [1, 2]",
        "NaN literal       | {\"input\": \"hi\", \"speed\": NaN}",
        "single quotes     | {'input': 'hi'}",
        "unterminated      | {\"input\": \"hi\"",
        "empty             | ''",
        "deep nesting      | {\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      })
  void malformedJsonIsInvalidJson(String name, String body) throws Exception {
    HttpResponse<byte[]> response = post("application/json", body);

    assertEquals(400, response.statusCode(), name);
    assertEquals("invalid_json", error(response).getString("code"), name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "duplicate key        | {\"input\": \"hi\", \"input\": \"ho\"}                | input",
        "seed over long       | {\"input\": \"hi\", \"seed\": 99999999999999999999999} | seed",
        "seed over 2^53       | {\"input\": \"hi\", \"seed\": 9007199254740993}        | seed",
        "seed negative        | {\"input\": \"hi\", \"seed\": -1}                      | seed",
        "seed fraction        | {\"input\": \"hi\", \"seed\": 1.5}                     | seed",
        "seed huge float      | {\"input\": \"hi\", \"seed\": 1e300}                    | seed",
        "speed overflow       | {\"input\": \"hi\", \"speed\": 1e400}                   | speed",
        "speed string         | {\"input\": \"hi\", \"speed\": \"fast\"}               | speed",
        "steps huge           | {\"input\": \"hi\", \"total_steps\": 10000000000}      | total_steps",
        "steps zero           | {\"input\": \"hi\", \"total_steps\": 0}                | total_steps",
        "blend 1d             | {\"input\": \"hi\", \"voice\": \"F1:1d+M2\"}           | voice",
        "blend hex            | {\"input\": \"hi\", \"voice\": \"F1:0x1p3+M2\"}        | voice",
        "blend exponent       | {\"input\": \"hi\", \"voice\": \"F1:1e2+M2\"}          | voice",
        "input number         | {\"input\": 5}                                         | input",
        "voice object         | {\"input\": \"hi\", \"voice\": {}}                     | voice",
      })
  void outOfRangeOrMalformedFieldsAreNamed(String name, String body, String param)
      throws Exception {
    HttpResponse<byte[]> response = post("application/json", body);

    assertEquals(400, response.statusCode(), name);
    assertEquals(param, error(response).getString("param"), name);
  }

  @Test
  void wholeFloatsAndTheLargestSeedAreAccepted() throws Exception {
    HttpResponse<byte[]> response =
        post(
            "application/json",
            "{\"input\": \"Hi.\", \"response_format\": \"wav\", \"total_steps\": 1.0,"
                + " \"seed\": 9007199254740991}");

    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource({"application/jsonp", "text/plain", "application/json-patch+json", "json"})
  void onlyJsonContentTypesAreAccepted(String contentType) throws Exception {
    HttpResponse<byte[]> response = post(contentType, "{\"input\": \"hi\"}");

    assertEquals(415, response.statusCode());
    assertEquals("unsupported_media_type", error(response).getString("code"));
  }

  @ParameterizedTest
  @CsvSource({
    "application/json; charset=utf-8",
    "Application/JSON",
    "application/json;charset=\"UTF-8\""
  })
  void jsonWithACharsetIsAccepted(String contentType) throws Exception {
    HttpResponse<byte[]> response =
        post(contentType, "{\"input\": \"Hi.\", \"response_format\": \"wav\", \"total_steps\": 1}");

    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
  }

  @Test
  void aGzipBodyIsDecoded() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
      gzip.write(
          "{\"input\": \"Hi.\", \"response_format\": \"wav\", \"total_steps\": 1}"
              .getBytes(StandardCharsets.UTF_8));
    }
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(SERVER.server().baseUrl() + "/v1/audio/speech"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());

    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("RIFF", new String(response.body(), 0, 4, StandardCharsets.US_ASCII));
  }

  @Test
  void aCorruptGzipBodyIsRefusedInTheOpenAiShape() throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(
            SERVER.server().port(),
            "POST /v1/audio/speech HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnot-gzip!!");

    assertEquals(400, response.status(), response.toString());
    HttpLayerErrorsTest.assertOpenAiError(response);
  }

  @Test
  void audioBeyondTheLimitIsRefusedBeforeItStarts() throws Exception {
    // 3,000 characters at speed 0.5 would be minutes of audio; the limit here is 120 s.
    HttpResponse<byte[]> response =
        SERVER.http().speech(new JsonObject().put("input", "word ".repeat(600)).put("speed", 0.5));

    assertEquals(400, response.statusCode());
    JsonObject error = error(response);
    assertEquals("audio_too_long", error.getString("code"));
    assertEquals("input", error.getString("param"));
    assertTrue(error.getString("message").contains("120 s"), error.getString("message"));
  }

  @Test
  void controlCharactersInVoiceAndLangCannotForgeALogLineOrBloatAnError() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger("io.supertonic");
    logs.start();
    root.addAppender(logs);
    try {
      String forged = "F1\r\n2026-01-01 INFO forged line";
      HttpResponse<byte[]> response =
          SERVER
              .http()
              .speech(
                  new JsonObject()
                      .put("input", "Hi.")
                      .put("voice", forged + "x".repeat(100_000))
                      .put("lang", "en\nINFO forged lang"));

      assertEquals(400, response.statusCode());
      String message = error(response).getString("message");
      assertFalse(message.contains("\n") || message.contains("\r"), message);
      assertTrue(message.length() < 600, "echoed " + message.length() + " characters");
      for (ILoggingEvent event : List.copyOf(logs.list)) {
        String line = event.getFormattedMessage();
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        assertTrue(line.length() < 1000, "a log line of " + line.length() + " characters");
      }
      assertTrue(
          logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("F1\\r\\n2026")),
          "the voice is logged, escaped");
    } finally {
      root.detachAppender(logs);
    }
  }

  @Test
  void aHugeModelIdIsNotEchoedWhole() throws Exception {
    HttpResponse<String> response = SERVER.http().get("/v1/models/" + "m".repeat(4000));

    assertEquals(404, response.statusCode());
    assertTrue(response.body().length() < 600, response.body());
  }
}
