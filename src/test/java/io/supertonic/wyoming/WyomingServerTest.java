package io.supertonic.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Wyoming server end to end on the tiny model, through a client written from the protocol. */
class WyomingServerTest {
  private static final int MAX_EVENT_BYTES = 4096;

  @TempDir static Path dir;
  private static TestServer server;
  private static final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("wyoming_port", 0)
                .put("wyoming_max_event_bytes", MAX_EVENT_BYTES)
                .put("max_concurrent", 1));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static WyomingTestClient connect() throws Exception {
    return new WyomingTestClient(server.node().wyomingPort());
  }

  @Test
  void describeAnswersInfoWithStreamingTtsVoicesAndLanguages() throws Exception {
    try (WyomingTestClient client = connect()) {
      client.send("describe");
      WyomingTestClient.Event info = client.read();
      assertEquals("info", info.type());
      assertNotNull(info.header().getString("version"), "every header carries a version");
      JsonArray tts = info.data().getJsonArray("tts");
      assertEquals(1, tts.size());
      JsonObject program = tts.getJsonObject(0);
      assertTrue(program.getBoolean("supports_synthesize_streaming"));
      assertTrue(program.getBoolean("installed"));
      List<String> names = new ArrayList<>();
      for (Object v : program.getJsonArray("voices")) {
        JsonObject voice = (JsonObject) v;
        names.add(voice.getString("name"));
        // One entry per voice and language, the language in the name (Home Assistant sends only
        // it).
        String lang = voice.getString("name").substring(voice.getString("name").indexOf('@') + 1);
        assertEquals(List.of(lang), voice.getJsonArray("languages").getList(), voice.encode());
        assertNotNull(voice.getJsonObject("attribution").getString("url"));
      }
      assertTrue(names.containsAll(List.of("F1@en", "F5@ko", "M1@de", "M5@ja")), names.toString());
      assertEquals(10 * 31, names.size(), "ten voices in each of Supertonic-3's 31 languages");
      assertFalse(names.contains("F1@na"), "no entry for the no-language fallback");
    }
  }

  @Test
  void synthesizeStreamsPcmOfTheSameLengthAsHttp() throws Exception {
    String text = "Hello there. How are you today?";
    try (WyomingTestClient client = connect()) {
      client.send(
          "synthesize",
          new JsonObject().put("text", text).put("voice", new JsonObject().put("name", "M2@en")));
      List<WyomingTestClient.Event> events = client.readUntil("audio-stop");
      WyomingTestClient.Event start = events.get(0);
      assertEquals("audio-start", start.type());
      assertEquals(44_100, start.data().getInteger("rate"));
      assertEquals(2, start.data().getInteger("width"));
      assertEquals(1, start.data().getInteger("channels"));
      int pcmBytes = 0;
      for (WyomingTestClient.Event e : events.subList(1, events.size() - 1)) {
        assertEquals("audio-chunk", e.type());
        assertEquals(44_100, e.data().getInteger("rate"));
        assertEquals(e.payload().length, e.header().getInteger("payload_length"));
        pcmBytes += e.payload().length;
      }
      assertTrue(pcmBytes > 0 && pcmBytes % 2 == 0, "whole int16 samples: " + pcmBytes);
      assertEquals(httpPcmBytes(text, "M2"), pcmBytes, "same duration as the HTTP API's audio");
    }
  }

  @Test
  void streamingSpeaksEachSentenceAsItCompletesAndIgnoresTheCompatibilitySynthesize()
      throws Exception {
    try (WyomingTestClient client = connect()) {
      JsonObject voice = new JsonObject().put("name", "F2");
      client.send("synthesize-start", new JsonObject().put("voice", voice));
      client.send("synthesize-chunk", new JsonObject().put("text", "Hello there. How"));
      // The first sentence is spoken before the stream ends.
      List<WyomingTestClient.Event> first = client.readUntil("audio-stop");
      assertEquals("audio-start", first.get(0).type());
      client.send("synthesize-chunk", new JsonObject().put("text", " are you today? I am"));
      client.send("synthesize-chunk", new JsonObject().put("text", " fine, thanks."));
      client.send(
          "synthesize",
          new JsonObject()
              .put("text", "Hello there. How are you today? I am fine, thanks.")
              .put("voice", voice));
      client.send("synthesize-stop");
      List<WyomingTestClient.Event> rest = client.readUntil("synthesize-stopped");
      long starts = rest.stream().filter(e -> e.type().equals("audio-start")).count();
      long stops = rest.stream().filter(e -> e.type().equals("audio-stop")).count();
      assertEquals(2, starts, "two more sentences, nothing for the compatibility synthesize");
      assertEquals(2, stops);
      assertEquals(httpPcmBytes("Hello there.", "F2"), pcmOf(first));
      // The connection stays usable after the stream.
      client.send("describe");
      assertEquals("info", client.read().type());
    }
  }

  @Test
  void malformedHeaderGetsAnErrorEventAndTheConnectionGoesOn() throws Exception {
    try (WyomingTestClient client = connect()) {
      client.sendRaw("this is not json\n".getBytes(StandardCharsets.UTF_8));
      WyomingTestClient.Event error = client.read();
      assertEquals("error", error.type());
      assertEquals("malformed_event", error.data().getString("code"));
      assertFalse(error.data().getString("text").isBlank());
      client.sendRaw("{\"data\":{\"text\":\"no type\"}}\n".getBytes(StandardCharsets.UTF_8));
      assertEquals("malformed_event", client.read().data().getString("code"));
      client.send("describe");
      assertEquals("info", client.read().type());
    }
  }

  @Test
  void oversizedHeaderGetsAnErrorEventThenTheConnectionCloses() throws Exception {
    try (WyomingTestClient client = connect()) {
      client.sendRaw(
          ("{\"type\":\"" + "x".repeat(MAX_EVENT_BYTES * 2)).getBytes(StandardCharsets.UTF_8));
      WyomingTestClient.Event error = client.read();
      assertEquals("error", error.type());
      assertEquals("event_too_large", error.data().getString("code"));
      assertTrue(client.closedByServer());
    }
    try (WyomingTestClient client = connect()) {
      client.send("synthesize", new JsonObject().put("text", "x"));
      // A data length over the limit cannot be skipped safely either.
      client.sendRaw(
          ("{\"type\":\"synthesize\",\"data_length\":" + (MAX_EVENT_BYTES + 1) + "}\n")
              .getBytes(StandardCharsets.UTF_8));
      List<WyomingTestClient.Event> events = new ArrayList<>();
      WyomingTestClient.Event e;
      do {
        e = client.read();
        events.add(e);
      } while (!e.type().equals("error"));
      assertEquals("event_too_large", e.data().getString("code"));
      assertTrue(client.closedByServer());
    }
  }

  @Test
  void ssmlWorksInSynthesizeAndInAStreamAndMalformedSsmlIsAnErrorEvent() throws Exception {
    String ssml = "<speak>One.<break time=\"1s\"/>Two.</speak>";
    try (WyomingTestClient client = connect()) {
      client.send("synthesize", new JsonObject().put("text", ssml));
      assertTrue(longestZeroRunSeconds(client.readUntil("audio-stop")) >= 1.0);
      // Streamed deltas of one document are held and spoken whole when the stream stops.
      client.send("synthesize-start");
      client.send("synthesize-chunk", new JsonObject().put("text", "<speak>One.<break time="));
      client.send("synthesize-chunk", new JsonObject().put("text", "\"1s\"/>Two. Three.</speak>"));
      client.send("synthesize-stop");
      List<WyomingTestClient.Event> events = client.readUntil("synthesize-stopped", true);
      assertTrue(events.stream().noneMatch(e -> e.type().equals("error")), events.toString());
      assertTrue(longestZeroRunSeconds(events) >= 1.0);
      client.send("synthesize", new JsonObject().put("text", "<speak>One <b>two</speak>"));
      WyomingTestClient.Event error = client.read();
      assertEquals("error", error.type());
      assertEquals("invalid_ssml", error.data().getString("code"));
      assertTrue(error.data().getString("text").contains("line 1, column"));
    }
  }

  private static double longestZeroRunSeconds(List<WyomingTestClient.Event> events) {
    java.io.ByteArrayOutputStream pcm = new java.io.ByteArrayOutputStream();
    events.stream()
        .filter(e -> e.type().equals("audio-chunk"))
        .forEach(e -> pcm.writeBytes(e.payload()));
    byte[] bytes = pcm.toByteArray();
    int best = 0;
    int run = 0;
    for (int i = 0; i + 1 < bytes.length; i += 2) {
      run = bytes[i] == 0 && bytes[i + 1] == 0 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best / 44_100.0;
  }

  @Test
  void unknownVoiceIsAnErrorEventWithACode() throws Exception {
    try (WyomingTestClient client = connect()) {
      client.send(
          "synthesize",
          new JsonObject().put("text", "Hi.").put("voice", new JsonObject().put("name", "bob")));
      WyomingTestClient.Event error = client.read();
      assertEquals("error", error.type());
      assertEquals("invalid_voice", error.data().getString("code"));
      // A stream whose sentences fail still ends, so a client waiting for it does not hang.
      client.send(
          "synthesize-start", new JsonObject().put("voice", new JsonObject().put("name", "bob")));
      client.send("synthesize-chunk", new JsonObject().put("text", "One. Two. Three."));
      client.send("synthesize-stop");
      List<WyomingTestClient.Event> events = client.readUntil("synthesize-stopped", true);
      assertEquals("error", events.get(0).type());
    }
  }

  @Test
  void clientThatDisconnectsMidStreamFreesTheWorker() throws Exception {
    String longText = "This is a sentence that keeps the worker busy for a while. ".repeat(60);
    try (WyomingTestClient client = connect()) {
      client.send("synthesize", new JsonObject().put("text", longText));
      assertEquals("audio-start", client.read().type());
      assertEquals("audio-chunk", client.read().type());
      // Gone without reading the rest.
    }
    // With one synthesis slot, this completes only if the abandoned one was cancelled.
    try (WyomingTestClient client = connect()) {
      client.send("synthesize", new JsonObject().put("text", "Still there?"));
      List<WyomingTestClient.Event> events = client.readUntil("audio-stop");
      assertEquals("audio-start", events.get(0).type());
    }
    JsonObject cancelled = awaitRecord("cancelled");
    assertEquals(longText.length(), cancelled.getInteger("text_len"));
    JsonObject ok = awaitRecord("ok");
    assertEquals("wyoming", ok.getString("transport"));
  }

  @Test
  void aClientThatStallsGetsEveryByteOnceItReadsAgain() throws Exception {
    // About 10 MB of audio: far more than the socket buffers hold, so the server has to hold the
    // worker back while the client is not reading, then resume it.
    String text = "A stalled reader must not lose any audio at all. ".repeat(70);
    int expected = httpPcmBytes(text, "F3");
    try (WyomingTestClient client = connect()) {
      client.send(
          "synthesize",
          new JsonObject().put("text", text).put("voice", new JsonObject().put("name", "F3")));
      Thread.sleep(1_500); // the client stalls (a fault being simulated, not a wait for an event)
      List<WyomingTestClient.Event> events = client.readUntil("audio-stop");
      assertEquals("audio-start", events.get(0).type());
      assertEquals(expected, pcmOf(events));
    }
  }

  /** Polls the request records (bounded) for a Wyoming record with this status. */
  private static JsonObject awaitRecord(String status) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics/recent?limit=100"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      for (Object o : new JsonObject(response.body()).getJsonArray("data")) {
        JsonObject record = (JsonObject) o;
        if ("wyoming".equals(record.getString("transport"))
            && status.equals(record.getString("status"))) {
          return record;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no wyoming record with status " + status);
  }

  private static int pcmOf(List<WyomingTestClient.Event> events) {
    return events.stream()
        .filter(e -> e.type().equals("audio-chunk"))
        .mapToInt(e -> e.payload().length)
        .sum();
  }

  private static int httpPcmBytes(String text, String voice) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/audio/speech"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject()
                            .put("input", text)
                            .put("voice", voice)
                            .put("lang", "en")
                            .put("response_format", "pcm")
                            .encode()))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    return response.body().length;
  }
}
