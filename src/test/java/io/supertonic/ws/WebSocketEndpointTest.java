package io.supertonic.ws;

import static io.supertonic.ws.WsTestClient.pcmBytes;
import static io.supertonic.ws.WsTestClient.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class WebSocketEndpointTest {
  private static final String HELLO = "Hello there, this is a test of the socket.";

  private static JsonObject msg(String type) {
    return new JsonObject().put("type", type);
  }

  private static JsonObject text(String t) {
    return msg("text").put("text", t);
  }

  private WsHarness harness(Vertx vertx, JsonObject config, long chunkDelayMs) throws Exception {
    return WsHarness.start(vertx, config, new FakeSynthesisWorker(1, 100, chunkDelayMs));
  }

  @Test
  void happyPathStreamsAudioMatchingTheStats(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject().put("voice", "F2"), 1);
    try (WsTestClient c = h.connect()) {
      JsonObject ready = c.expect("ready");
      assertEquals(44_100, ready.getInteger("sample_rate"));
      assertEquals("pcm_s16le_44100_1ch", ready.getString("encoding"));
      assertEquals("F2", ready.getString("voice"));
      assertEquals("en", ready.getString("lang"));

      c.send(
          msg("config")
              .put("voice", "alloy")
              .put("lang", "en")
              .put("speed", 1.05)
              .put("total_steps", 8));
      JsonObject ack = c.expect("config_ack").getJsonObject("config");
      assertEquals("alloy", ack.getString("voice"));
      assertEquals(8, ack.getInteger("total_steps"));

      c.send(text(HELLO));
      c.send(msg("flush"));
      JsonObject start = c.expect("audio_start");
      assertTrue(start.getDouble("ttfb_ms") >= 0);
      List<Object> frames = c.until("audio_end");
      JsonObject stats = ((JsonObject) frames.get(frames.size() - 1)).getJsonObject("stats");
      int expectedBytes = FakeSynthesisWorker.expectedSamples(HELLO) * 2;
      assertEquals(expectedBytes, pcmBytes(frames));
      assertEquals(expectedBytes, stats.getLong("bytes"));
      assertEquals(expectedBytes / 2.0 / 44_100, stats.getDouble("audio_s"), 1e-3);
      assertEquals(44_100, stats.getInteger("sample_rate"));
      assertEquals("F1", stats.getString("voice"));
      assertTrue(types(frames).subList(0, frames.size() - 1).stream().allMatch("audio"::equals));
      assertEquals(List.of(HELLO), h.worker.texts);

      JsonObject record = h.nextMetric();
      assertNotNull(record, "no metrics record");
      assertEquals("ws", record.getString("transport"));
      assertEquals("pcm", record.getString("format"));
      assertEquals("ok", record.getString("status"));
      assertEquals(expectedBytes, record.getLong("bytes"));
      assertEquals(HELLO.length(), record.getInteger("text_len"));
      assertEquals(0.1, record.getDouble("rtf"), 1e-6);
      assertTrue(record.getDouble("ttfb_ms") >= 0);
    }
  }

  @Test
  void deltasAreJoinedAndFlushesQueueInOrder(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(text("Hello, "));
      c.send(text("world. "));
      c.send(msg("flush"));
      c.send(text("Second utterance here."));
      c.send(msg("flush"));
      c.send(msg("flush")); // empty buffer: nothing to say
      List<Object> first = c.until("audio_end");
      assertEquals("audio_start", types(first).get(0));
      assertEquals(FakeSynthesisWorker.expectedSamples("Hello, world.") * 2, pcmBytes(first));
      List<Object> second = c.until("audio_end");
      assertEquals(
          FakeSynthesisWorker.expectedSamples("Second utterance here.") * 2, pcmBytes(second));
      assertEquals(List.of("Hello, world.", "Second utterance here."), h.worker.texts);
    }
  }

  @Test
  void autoFlushSpeaksEachSentenceWithoutFlush(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(msg("config").put("auto_flush", true));
      assertTrue(c.expect("config_ack").getJsonObject("config").getBoolean("auto_flush"));
      for (String delta : List.of("Dr. Smith", " arrived", " late.", " He said", " sorry! And")) {
        c.send(text(delta));
      }
      c.until("audio_end");
      c.until("audio_end");
      assertEquals(List.of("Dr. Smith arrived late.", "He said sorry!"), h.worker.texts);
      // The unfinished rest waits for more text or a flush.
      c.send(msg("flush"));
      c.until("audio_end");
      assertEquals("And", h.worker.texts.get(2));
    }
  }

  @Test
  void autoFlushHoldsAnSsmlDocumentWhole(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(msg("config").put("auto_flush", true));
      c.expect("config_ack");
      for (String delta : List.of("<speak>One. Two.", " <break time=\"1s\"/>Three. ", "</speak>")) {
        c.send(text(delta));
      }
      c.send(msg("flush"));
      c.until("audio_end");
      assertEquals(List.of("<speak>One. Two. <break time=\"1s\"/>Three. </speak>"), h.worker.texts);
    }
  }

  @Test
  void binaryModeSendsRawPcmFrames(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(msg("config").put("binary", true));
      c.expect("config_ack");
      c.send(text(HELLO));
      c.send(msg("flush"));
      c.expect("audio_start");
      List<Object> frames = c.until("audio_end");
      List<Object> audio = frames.subList(0, frames.size() - 1);
      assertFalse(audio.isEmpty());
      assertTrue(
          audio.stream().allMatch(f -> f instanceof Buffer),
          "only binary frames between start and end");
      long bytes =
          ((JsonObject) frames.get(frames.size() - 1)).getJsonObject("stats").getLong("bytes");
      assertEquals(FakeSynthesisWorker.expectedSamples(HELLO) * 2L, bytes);
      assertEquals(bytes, pcmBytes(frames));
    }
  }

  @Test
  void largeChunksAreSplitIntoFramesClientsAccept(Vertx vertx) throws Exception {
    WsHarness h =
        WsHarness.start(vertx, new JsonObject(), new FakeSynthesisWorker(1, 10, 1, 40_000));
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(msg("config").put("binary", true));
      c.expect("config_ack");
      c.send(text("Two chunks of almost a second each."));
      c.send(msg("flush"));
      c.expect("audio_start");
      List<Object> frames = c.until("audio_end");
      List<Object> audio = frames.subList(0, frames.size() - 1);
      assertEquals(2 * 40_000 * 2, pcmBytes(frames));
      assertEquals(6, audio.size(), "each 80000-byte chunk goes out as 3 frames");
      assertTrue(
          audio.stream().allMatch(f -> ((Buffer) f).length() <= WsUtterance.MAX_FRAME_PCM_BYTES));
    }
  }

  @Test
  void resamplesToTheRequestedRate(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(msg("config").put("sample_rate", 16_000));
      assertEquals(
          "pcm_s16le_16000_1ch",
          c.expect("config_ack").getJsonObject("config").getString("encoding"));
      c.send(text(HELLO));
      c.send(msg("flush"));
      List<Object> frames = c.until("audio_end");
      JsonObject stats = ((JsonObject) frames.get(frames.size() - 1)).getJsonObject("stats");
      assertEquals(16_000, stats.getInteger("sample_rate"));
      int samples = pcmBytes(frames) / 2;
      double expected = FakeSynthesisWorker.expectedSamples(HELLO) * 16_000.0 / 44_100;
      assertEquals(expected, samples, 4.0, "resampled length");
      assertEquals(samples * 2L, stats.getLong("bytes"));
    }
  }

  @Test
  void cancelStopsTheStreamAndFreesTheWorker(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 40);
    String longText = "word ".repeat(200); // 50 chunks of 40 ms
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(text(longText));
      c.send(msg("flush"));
      c.send(text("Left in the buffer."));
      c.expect("audio_start");
      c.expect("audio");
      c.send(msg("cancel"));
      List<Object> rest = c.until("cancelled");
      assertFalse(types(rest).contains("audio_end"));
      assertTrue(pcmBytes(rest) < FakeSynthesisWorker.expectedSamples(longText.trim()) * 2);
      JsonObject record = h.nextMetric();
      assertEquals("cancelled", record.getString("status"));
      assertEquals("ws", record.getString("transport"));

      // Same socket: the dropped buffer is not spoken, the worker serves the next request.
      c.send(text("After the cancel."));
      c.send(msg("flush"));
      c.until("audio_end");
      assertEquals("After the cancel.", h.worker.texts.get(h.worker.texts.size() - 1));
      // Cancel with nothing in flight still answers.
      c.send(msg("cancel"));
      c.expect("cancelled");
    }
    try (WsTestClient other = h.connect()) {
      other.expect("ready");
      other.send(text("A new socket."));
      other.send(msg("flush"));
      other.until("audio_end");
    }
  }

  @Test
  void closeMessageCancelsInFlightWorkAndClosesNormally(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 40);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(text("word ".repeat(200)));
      c.send(msg("flush"));
      c.expect("audio_start");
      c.send(msg("close"));
      c.until("cancelled");
      assertTrue(c.awaitClose().startsWith("1000"), "normal closure");
      assertEquals("cancelled", h.nextMetric().getString("status"));
    }
    try (WsTestClient idle = h.connect()) {
      idle.expect("ready");
      idle.send(msg("close"));
      assertTrue(idle.awaitClose().startsWith("1000"));
    }
  }

  @Test
  void badMessagesGetErrorsAndTheSocketStaysUsable(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject().put("max_message_bytes", 1000), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.sendRaw("{not json");
      assertTrue(c.expect("error").getString("message").startsWith("malformed JSON"));
      c.send(msg("speak"));
      assertTrue(c.expect("error").getString("message").contains("unknown message type 'speak'"));
      c.send(msg("config").put("speed", 9).put("voice", "M1"));
      assertTrue(c.expect("error").getString("message").contains("config.speed"));
      c.send(msg("config").put("voice", "Z9"));
      assertTrue(c.expect("error").getString("message").contains("unknown voice 'Z9'"));
      c.send(msg("config").put("sample_rate", 100_000));
      assertTrue(c.expect("error").getString("message").contains("8000 to 48000"));
      c.socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
      assertTrue(c.expect("error").getString("message").contains("binary frames are not accepted"));
      c.send(msg("text").put("text", 42));
      assertTrue(c.expect("error").getString("message").contains("text.text must be a string"));

      // The worker refuses this text: an error, a metrics record, and the session goes on.
      c.send(text("Please [fail] now."));
      c.send(msg("flush"));
      assertTrue(c.expect("error").getString("message").contains("fake refusal"));
      assertEquals("error", h.nextMetric().getString("status"));

      // The rejected config changed nothing: the voice is still the default.
      c.send(text(HELLO));
      c.send(msg("flush"));
      List<Object> frames = c.until("audio_end");
      assertEquals(
          "F1",
          ((JsonObject) frames.get(frames.size() - 1)).getJsonObject("stats").getString("voice"));
    }
  }

  @Test
  void idleSocketsAreClosed(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject().put("idle_timeout_ms", 300), 1);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(text("Short."));
      c.send(msg("flush"));
      c.until("audio_end");
      String close = c.awaitClose();
      assertTrue(close.startsWith("1000") && close.contains("idle timeout"), close);
    }
  }

  @Test
  void fiftyConcurrentSessionsAllGetTheirAudio(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 1);
    List<WsTestClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 50; i++) {
        WsTestClient c = h.connect();
        clients.add(c);
        c.expect("ready");
      }
      for (int i = 0; i < clients.size(); i++) {
        clients.get(i).send(text("Session number " + i + " speaks now."));
        clients.get(i).send(msg("flush"));
      }
      for (int i = 0; i < clients.size(); i++) {
        List<Object> frames = clients.get(i).until("audio_end");
        assertEquals(
            FakeSynthesisWorker.expectedSamples("Session number " + i + " speaks now.") * 2,
            pcmBytes(frames));
      }
      assertEquals(50, h.worker.texts.size());
    } finally {
      clients.forEach(WsTestClient::close);
    }
  }

  @Test
  void disabledEndpointAnswers404(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject().put("ws_enabled", "0"), 1);
    var response =
        WsHarness.await(
            vertx
                .createHttpClient()
                .request(
                    io.vertx.core.http.HttpMethod.GET,
                    h.port(),
                    "localhost",
                    "/v1/audio/speech/stream")
                .compose(
                    r ->
                        r.send()
                            .compose(
                                resp ->
                                    resp.body().map(b -> new Object[] {resp.statusCode(), b}))));
    assertEquals(404, response[0]);
    JsonObject error = new JsonObject((Buffer) response[1]).getJsonObject("error");
    assertTrue(error.getString("message").contains("disabled"));
    assertEquals("ws_disabled", error.getString("code"));
    Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, h::connect);
    assertTrue(String.valueOf(refused.getMessage()).contains("404"), refused.getMessage());
  }
}
