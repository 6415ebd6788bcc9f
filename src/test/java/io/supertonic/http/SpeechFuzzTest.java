package io.supertonic.http;

import io.supertonic.testing.FuzzValues;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated {@code POST /v1/audio/speech} requests, from plausible to hostile: every answer is a
 * well-formed 2xx with audio or a 4xx in the OpenAI error shape (never a 5xx, a hang or a dropped
 * connection), and the server stays healthy. Inputs are tiny and steps few, so the 2xx path is
 * cheap; the input limit is lowered so "maximum length" is cheap too.
 */
class SpeechFuzzTest {
  static final int MAX_INPUT = 300;
  private static Path dir;
  private static TestServer server;
  private static HttpClient client;

  @BeforeContainer
  static void start() throws Exception {
    dir = Files.createTempDirectory("supertonic-fuzz");
    server =
        TestServer.start(
            dir, new JsonObject().put("max_input_chars", MAX_INPUT).put("total_steps", 1));
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterContainer
  static void stop() throws Exception {
    try {
      JsonObject health = new JsonObject(get("/healthz"));
      if (!"ok".equals(health.getString("status"))) {
        throw new AssertionError("unhealthy after the fuzz run: " + health.encode());
      }
    } finally {
      server.close();
    }
  }

  private static String get(String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** A field's value: usually plausible, sometimes of a wrong type or out of range. */
  private static Arbitrary<String> field(String name) {
    Arbitrary<String> plausible =
        switch (name) {
          case "input" ->
              Arbitraries.frequencyOf(
                  Tuple.of(6, FuzzValues.oddStrings(30).map(FuzzValues::quote)),
                  Tuple.of(
                      1,
                      Arbitraries.of(MAX_INPUT, MAX_INPUT + 1)
                          .map(n -> FuzzValues.quote("a".repeat(n)))));
          case "voice" ->
              Arbitraries.of("F1", "M2", "alloy", "F1+M1", "F1:0.7+M2:0.3", "F1:1d+M2", "Z9", "")
                  .map(FuzzValues::quote);
          case "lang" -> Arbitraries.of("en", "ko", "auto", "xx", "EN", "").map(FuzzValues::quote);
          case "response_format" ->
              Arbitraries.of("wav", "pcm", "mp3", "flac", "opus", "WAV", "").map(FuzzValues::quote);
          case "stream_format" -> Arbitraries.of("audio", "sse", "chunked").map(FuzzValues::quote);
          case "speed" -> Arbitraries.of("1", "0.25", "4.0", "0.5", "2", "0.1", "5");
          case "total_steps" -> Arbitraries.of("1", "2", "0", "51", "1.0", "1.5");
          case "seed" -> Arbitraries.of("0", "7", "9007199254740991", "9007199254740992", "-1");
          case "sample_rate" -> Arbitraries.of("24000", "16000", "8000", "7999", "48001", "44100");
          default -> FuzzValues.oddStrings(10).map(FuzzValues::quote);
        };
    return Arbitraries.frequencyOf(
        Tuple.of(5, plausible),
        Tuple.of(1, FuzzValues.values(2)),
        Tuple.of(1, FuzzValues.numbers()));
  }

  private static final List<String> FIELDS =
      List.of(
          "input",
          "voice",
          "lang",
          "response_format",
          "stream_format",
          "speed",
          "total_steps",
          "seed",
          "sample_rate",
          "model",
          "instructions",
          "extra");

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> object =
        Arbitraries.subsetOf(FIELDS)
            .flatMap(
                keys -> {
                  List<Arbitrary<String>> members = new ArrayList<>();
                  // Mostly with input and a cheap format, so many requests reach synthesis.
                  members.add(field("input").map(v -> "\"input\":" + v));
                  members.add(
                      Arbitraries.of("\"response_format\":\"wav\"", "\"response_format\":\"pcm\""));
                  for (String key : keys) {
                    members.add(field(key).map(v -> FuzzValues.quote(key) + ":" + v));
                  }
                  return Combinators.combine(members).as(l -> "{" + String.join(",", l) + "}");
                });
    return Arbitraries.frequencyOf(
        Tuple.of(6, object),
        Tuple.of(2, FuzzValues.mangled(object)),
        Tuple.of(1, FuzzValues.values(3)),
        Tuple.of(1, FuzzValues.oddStrings(40)));
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(12, Arbitraries.just("application/json")),
        Tuple.of(1, Arbitraries.of(FuzzValues.contentTypes())));
  }

  @Property(tries = 3000)
  void everyAnswerIsAudioOrAnOpenAiError(
      @ForAll("bodies") String body, @ForAll("contentTypes") String contentType) throws Exception {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/audio/speech"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    checkAnswer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body(),
        body);
  }

  static void checkAnswer(int status, String contentType, byte[] body, String request) {
    String context = "for " + request;
    if (status == 200) {
      if (!(contentType.startsWith("audio/") || contentType.startsWith("text/event-stream"))
          || body.length == 0) {
        throw new AssertionError(
            "200 with " + contentType + ", " + body.length + " bytes " + context);
      }
      return;
    }
    if (status < 400 || status >= 500) {
      throw new AssertionError(
          "status " + status + " " + context + ": " + new String(body, StandardCharsets.UTF_8));
    }
    if (!contentType.startsWith("application/json")) {
      throw new AssertionError(status + " with content type " + contentType + " " + context);
    }
    JsonObject error =
        new JsonObject(new String(body, StandardCharsets.UTF_8)).getJsonObject("error");
    if (error == null
        || error.getString("message", "").isBlank()
        || error.getString("type", "").isBlank()
        || error.getString("code", "").isBlank()
        || !error.containsKey("param")) {
      throw new AssertionError(
          "malformed error " + new String(body, StandardCharsets.UTF_8) + " " + context);
    }
    String message = error.getString("message");
    for (String internal : List.of("java.", "io.vertx", "Exception", "Jackson", "Source:", "\n")) {
      if (message.contains(internal)) {
        throw new AssertionError("internals in " + message + " " + context);
      }
    }
    if (message.length() > 600) {
      throw new AssertionError(
          "an error message of " + message.length() + " characters " + context);
    }
  }
}
