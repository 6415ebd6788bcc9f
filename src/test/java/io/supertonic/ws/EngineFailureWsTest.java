package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.FragileTinyModel;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine fails on an utterance's second chunk (a real ONNX Runtime error from the tiny model's
 * fragile vocoder): the WebSocket client, which already has audio, gets an error with code
 * synthesis_failed instead of audio_end, and the same session's next utterance is spoken whole.
 */
class EngineFailureWsTest {
  @TempDir Path dir;

  @Test
  void theSocketGetsSynthesisFailedAfterItsFirstAudioAndTheNextUtteranceWorks() throws Exception {
    FragileTinyModel.writeInto(dir);
    try (TestServer server = TestServer.start(dir);
        WsTestClient c = WsTestClient.connect(server.vertx(), server.port())) {
      c.expect("ready");
      c.send(new JsonObject().put("type", "text").put("text", FragileTinyModel.TEXT));
      c.send(new JsonObject().put("type", "flush"));
      List<Object> failed = c.until("error");
      JsonObject error = (JsonObject) failed.get(failed.size() - 1);
      assertEquals("synthesis_failed", error.getString("code"), error.encode());
      assertTrue(WsTestClient.types(failed).contains("audio_start"), failed.toString());
      assertTrue(WsTestClient.pcmBytes(failed) > 0, "audio arrived before the error");
      assertFalse(WsTestClient.types(failed).contains("audio_end"));

      c.send(new JsonObject().put("type", "text").put("text", FragileTinyModel.SHORT_TEXT));
      c.send(new JsonObject().put("type", "flush"));
      List<Object> spoken = c.until("audio_end");
      assertFalse(WsTestClient.types(spoken).contains("error"), spoken.toString());
      assertTrue(WsTestClient.pcmBytes(spoken) > 0);
    }
  }
}
