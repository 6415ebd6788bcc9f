package io.supertonic.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection that stays silent is closed; one that is being answered is not. */
class WyomingIdleTimeoutTest {
  @TempDir Path dir;

  @Test
  void silentConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    try (TestServer server =
        TestServer.start(
            dir, new JsonObject().put("wyoming_port", 0).put("wyoming_idle_timeout_ms", 500))) {
      try (WyomingTestClient idle = new WyomingTestClient(server.node().wyomingPort())) {
        assertTrue(idle.closedByServer(), "closed within the client's 30 s read timeout");
      }
      try (WyomingTestClient busy = new WyomingTestClient(server.node().wyomingPort())) {
        busy.send(
            "synthesize",
            new JsonObject().put("text", "A long answer keeps the connection open. ".repeat(70)));
        assertEquals("audio-start", busy.read().type());
        // Silent for longer than the idle timeout while its audio waits: a fault simulated, and
        // the connection must survive it because a synthesis is in progress.
        Thread.sleep(1_500);
        List<WyomingTestClient.Event> events = busy.readUntil("audio-stop");
        assertTrue(events.size() > 10, "the whole answer arrived: " + events.size() + " events");
      }
    }
  }
}
