package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.testing.TestServer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the server tells WebSocket clients it is going away, so voice agents reconnect
 * elsewhere.
 */
class WebSocketShutdownTest {
  @TempDir Path dir;

  @Test
  void openSessionsAreClosedWithGoingAway() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      try (WsTestClient client = WsTestClient.connect(server.vertx(), server.port())) {
        client.expect("ready");
        server.node().stop().await(30, TimeUnit.SECONDS);
        assertEquals("1001 server shutting down", client.awaitClose());
      }
    }
  }
}
