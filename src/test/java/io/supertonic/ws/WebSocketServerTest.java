package io.supertonic.ws;

import static io.supertonic.ws.WsTestClient.pcmBytes;
import static io.supertonic.ws.WsTestClient.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint in the whole server, on the tiny model: real worker, engine, text pipeline and
 * resampler.
 */
class WebSocketServerTest {
  @TempDir static Path tempDir;
  private static TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TestServer.start(tempDir);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static JsonObject msg(String type) {
    return new JsonObject().put("type", type);
  }

  private WsTestClient connect() throws Exception {
    return WsTestClient.connect(server.vertx(), server.port());
  }

  @Test
  void speaksFlushedTextWithStatsMatchingTheAudio() throws Exception {
    try (WsTestClient c = connect()) {
      JsonObject ready = c.expect("ready");
      int rate = ready.getInteger("sample_rate");
      c.send(msg("config").put("voice", "nova").put("total_steps", 2));
      c.expect("config_ack");
      c.send(msg("text").put("text", "Hello, "));
      c.send(msg("text").put("text", "this is the socket speaking. A second sentence follows."));
      c.send(msg("flush"));
      c.expect("audio_start");
      List<Object> frames = c.until("audio_end");
      JsonObject stats = ((JsonObject) frames.get(frames.size() - 1)).getJsonObject("stats");
      assertTrue(pcmBytes(frames) > 0);
      assertEquals(stats.getLong("bytes"), pcmBytes(frames));
      assertEquals(pcmBytes(frames) / 2.0 / rate, stats.getDouble("audio_s"), 1e-3);
      assertEquals("F4", stats.getString("voice"));
      assertTrue(stats.getDouble("rtf") > 0);
    }
  }

  @Test
  void ssmlBreaksLengthenTheAudioAndMalformedSsmlIsAnError() throws Exception {
    try (WsTestClient c = connect()) {
      int rate = c.expect("ready").getInteger("sample_rate");
      c.send(msg("text").put("text", "<speak>One.<break time=\"0ms\"/>Two.</speak>"));
      c.send(msg("flush"));
      int plain = pcmBytes(c.until("audio_end")) / 2;
      c.send(msg("text").put("text", "<speak>One.<break time=\"2s\"/>Two.</speak>"));
      c.send(msg("flush"));
      int broken = pcmBytes(c.until("audio_end")) / 2;
      // The 2 s break replaces the usual 0.1 s between segments.
      assertEquals(Math.round(1.9 * rate), broken - plain);
      c.send(msg("text").put("text", "<speak>One <b>two</speak>"));
      c.send(msg("flush"));
      JsonObject error = c.expect("error");
      assertEquals("invalid_ssml", error.getString("code"));
      assertTrue(error.getString("message").contains("line 1, column"), error.encode());
    }
  }

  @Test
  void timestampsFollowEachChunkWhenAsked() throws Exception {
    try (WsTestClient c = connect()) {
      int rate = c.expect("ready").getInteger("sample_rate");
      String text =
          "The first sentence is short. The second one is longer, and it has a comma in it."
              + " A third sentence, with a few more words, closes the text.";
      c.send(msg("config").put("timestamps", true).put("total_steps", 1));
      assertTrue(c.expect("config_ack").getJsonObject("config").getBoolean("timestamps"));
      c.send(msg("text").put("text", text));
      c.send(msg("flush"));
      List<Object> frames = c.until("audio_end");
      List<JsonObject> stamps =
          frames.stream()
              .filter(f -> f instanceof JsonObject j && "timestamps".equals(j.getString("type")))
              .map(f -> (JsonObject) f)
              .toList();
      assertTrue(stamps.size() >= 2, "one per chunk: " + types(frames));
      int cursor = 0;
      double time = 0;
      for (JsonObject s : stamps) {
        int start = s.getInteger("text_start");
        assertTrue(start >= cursor && text.substring(cursor, start).isBlank(), "no gap: " + s);
        assertEquals(text.substring(start, s.getInteger("text_end")), s.getString("text"));
        assertEquals(time, s.getDouble("audio_start"), 0.0011);
        cursor = s.getInteger("text_end");
        time = s.getDouble("audio_end");
      }
      assertEquals(text.length(), cursor, "the spans cover the text");
      assertEquals(pcmBytes(frames) / 2.0 / rate, time, 0.01, "and end with the audio");
      c.send(msg("config").put("timestamps", false));
      c.expect("config_ack");
      c.send(msg("text").put("text", "No timestamps now."));
      c.send(msg("flush"));
      assertFalse(types(c.until("audio_end")).contains("timestamps"));
    }
  }

  @Test
  void resampledAudioHasTheProportionalLength() throws Exception {
    try (WsTestClient c = connect()) {
      int rate = c.expect("ready").getInteger("sample_rate");
      String text = "The same sentence, twice at two rates.";
      c.send(msg("config").put("total_steps", 1));
      c.expect("config_ack");
      c.send(msg("text").put("text", text));
      c.send(msg("flush"));
      int nativeSamples = pcmBytes(c.until("audio_end")) / 2;
      c.send(msg("config").put("sample_rate", 16_000).put("binary", true));
      c.expect("config_ack");
      c.send(msg("text").put("text", text));
      c.send(msg("flush"));
      List<Object> frames = c.until("audio_end");
      assertTrue(
          frames.stream()
              .noneMatch(f -> f instanceof JsonObject j && "audio".equals(j.getString("type"))));
      int resampled = pcmBytes(frames) / 2;
      // Durations differ only when the seeds' noise changes the length; the tiny model's does not.
      assertEquals(nativeSamples * 16_000.0 / rate, resampled, nativeSamples * 0.02 + 4);
    }
  }

  @Test
  void cancelFreesTheWorkerForTheNextRequest() throws Exception {
    try (WsTestClient c = connect()) {
      c.expect("ready");
      c.send(msg("text").put("text", "This is a long sentence that goes on. ".repeat(40)));
      c.send(msg("flush"));
      c.expect("audio_start");
      c.send(msg("cancel"));
      List<Object> rest = c.until("cancelled");
      assertFalse(types(rest).contains("audio_end"));
    }
    try (WsTestClient next = connect()) {
      next.expect("ready");
      next.send(msg("text").put("text", "Still here."));
      next.send(msg("flush"));
      next.until("audio_end");
    }
  }
}
