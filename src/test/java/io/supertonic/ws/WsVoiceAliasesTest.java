package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The WebSocket {@code config} accepts the server's configured voice aliases ({@code
 * --voice-alias}, {@code voice_aliases}) as HTTP does, and still refuses names nobody configured,
 * against the real server and worker on the tiny model.
 */
class WsVoiceAliasesTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put(
                    "voice_aliases",
                    new JsonObject().put("alloy", "M3").put("narrator", "F1:0.7+M2:0.3")));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonObject msg(String type) {
    return new JsonObject().put("type", type);
  }

  @Test
  void configuredAliasesAreAcceptedAndSpokenWithTheirTargets() throws Exception {
    for (String[] alias :
        List.of(new String[] {"narrator", "F1:0.7+M2:0.3"}, new String[] {"alloy", "M3"})) {
      try (WsTestClient c = WsTestClient.connect(server.vertx(), server.port())) {
        c.expect("ready");
        c.send(msg("config").put("voice", alias[0]));
        assertEquals(alias[0], c.expect("config_ack").getJsonObject("config").getString("voice"));
        c.send(msg("text").put("text", "A configured alias speaks."));
        c.send(msg("flush"));
        c.expect("audio_start");
        List<Object> frames = c.until("audio_end");
        assertTrue(WsTestClient.pcmBytes(frames) > 0, "audio for " + alias[0]);
        JsonObject stats = ((JsonObject) frames.get(frames.size() - 1)).getJsonObject("stats");
        assertEquals(alias[1], stats.getString("voice"), "the alias's target, as over HTTP");
      }
    }
  }

  @Test
  void anUnconfiguredNameIsRefusedAndTheErrorListsTheConfiguredAliases() throws Exception {
    try (WsTestClient c = WsTestClient.connect(server.vertx(), server.port())) {
      c.expect("ready");
      c.send(msg("config").put("voice", "storyteller"));
      String message = c.expect("error").getString("message");
      assertTrue(message.contains("unknown voice 'storyteller'"), message);
      assertTrue(message.contains("narrator"), message);
    }
  }
}
