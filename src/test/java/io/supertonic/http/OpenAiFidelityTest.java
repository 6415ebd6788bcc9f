package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.DecodedAudio;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What OpenAI clients rely on beyond the request shape: validation probes, SSE sizes, metrics. */
class OpenAiFidelityTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("pcm_sample_rate", 24000)
                .put(
                    "voice_aliases",
                    new JsonObject().put("alloy", "M3").put("narrator", "F1:0.7+M2:0.3")));
    http = new HttpTestClient(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void punctuationOnlyInputIsAShortSilenceAsHomeAssistantsProbeExpects() throws Exception {
    for (String input : List.of(".", "?!", " . ", "😀😀😀")) {
      HttpResponse<byte[]> response =
          http.speech(new JsonObject().put("input", input).put("response_format", "wav"));
      assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
      DecodedAudio audio = DecodedAudio.wav(response.body());
      assertEquals(0.25, audio.seconds(), 0.01, input);
      assertTrue(audio.isSilent(), "silence for " + input);
    }
    HttpResponse<byte[]> blank = http.speech(new JsonObject().put("input", "   "));
    assertEquals(400, blank.statusCode(), "whitespace alone is still an empty input");
  }

  @Test
  void configuredVoiceAliasesReachPresetsAndBlendsAndAreListed() throws Exception {
    HttpResponse<byte[]> alloy =
        http.speech(new JsonObject().put("input", "Hi.").put("voice", "alloy"));
    assertEquals(200, alloy.statusCode());
    assertEquals("M3", alloy.headers().firstValue("X-Voice").orElseThrow());
    HttpResponse<byte[]> narrator =
        http.speech(new JsonObject().put("input", "Hi.").put("voice", "narrator"));
    assertEquals(200, narrator.statusCode());
    assertEquals("F1:0.7+M2:0.3", narrator.headers().firstValue("X-Voice").orElseThrow());
    JsonObject voices = new JsonObject(http.get("/v1/voices").body());
    assertEquals("M3", voices.getJsonObject("openai_aliases").getString("alloy"));
    assertEquals("F1:0.7+M2:0.3", voices.getJsonObject("openai_aliases").getString("narrator"));
  }

  @Test
  void sseDeltasCarryAboutATenthOfASecondEach() throws Exception {
    JsonObject request =
        new JsonObject()
            .put("input", "A sentence long enough to need many deltas. And another one after it.")
            .put("response_format", "pcm")
            .put("seed", 5);
    HttpResponse<byte[]> response = http.speech(request.copy().put("stream_format", "sse"));
    assertEquals(200, response.statusCode());
    List<JsonObject> events = new ArrayList<>();
    for (String block : new String(response.body(), StandardCharsets.UTF_8).split("\n\n")) {
      if (block.startsWith("data: ")) {
        events.add(new JsonObject(block.substring("data: ".length())));
      }
    }
    assertEquals("speech.audio.done", events.get(events.size() - 1).getString("type"));
    ByteArrayOutputStream audio = new ByteArrayOutputStream();
    int tenthOfASecond = 24000 * 2 / 10;
    int full = 0;
    List<JsonObject> deltas = events.subList(0, events.size() - 1);
    for (JsonObject delta : deltas) {
      assertEquals("speech.audio.delta", delta.getString("type"));
      byte[] bytes = Base64.getDecoder().decode(delta.getString("audio"));
      assertTrue(bytes.length <= tenthOfASecond, "delta of " + bytes.length + " bytes");
      full += bytes.length == tenthOfASecond ? 1 : 0;
      audio.writeBytes(bytes);
    }
    assertTrue(deltas.size() > 10, "many small deltas, got " + deltas.size());
    assertTrue(full >= deltas.size() - 3, "all but the ends of chunks are full 100 ms deltas");
    assertEquals(
        new String(Base64.getEncoder().encode(http.speech(request).body())),
        new String(Base64.getEncoder().encode(audio.toByteArray())),
        "the deltas add up to the same audio");
  }

  @Test
  void rejectedRequestsAreCountedInTheRequestsTotal() throws Exception {
    double before = errorsTotal();
    HttpResponse<byte[]> badFormat =
        http.speech(new JsonObject().put("input", "Hi.").put("response_format", "ogg"));
    assertEquals(400, badFormat.statusCode());
    HttpResponse<byte[]> badJson = http.post("/v1/audio/speech", "application/json", "{nope");
    assertEquals(400, badJson.statusCode());
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (errorsTotal() < before + 2 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(before + 2, errorsTotal(), "both 400s counted");
  }

  private static double errorsTotal() throws Exception {
    String text = http.get("/metrics").body();
    Matcher m =
        Pattern.compile("(?m)^supertonic_requests_total\\{status=\"error\"\\} (\\S+)$")
            .matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }
}
