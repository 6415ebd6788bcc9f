package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.Partition;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A worker lost mid-utterance reaches the WebSocket client as an error with code worker_lost. */
class WorkerLossWsTest {
  @TempDir Path dir;

  @Test
  void theSocketGetsWorkerLostWhenTheWorkerDiesMidUtterance() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Partition partition = new Partition();
      partition.install(server.vertx());
      try (WsTestClient c = WsTestClient.connect(server.vertx(), server.port())) {
        c.expect("ready");
        c.send(
            new JsonObject()
                .put("type", "text")
                .put("text", "A long utterance, sentence after sentence. ".repeat(60)));
        c.send(new JsonObject().put("type", "flush"));
        c.expect("audio_start");
        String worker =
            server
                .vertx()
                .eventBus()
                .<JsonObject>request(Addresses.WORKER_PING, null)
                .await(10, TimeUnit.SECONDS)
                .body()
                .getString("worker");
        long killed = System.nanoTime();
        partition.kill(worker);
        List<Object> rest = c.until("error");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        JsonObject error = (JsonObject) rest.get(rest.size() - 1);
        assertEquals("worker_lost", error.getString("code"), error.encode());
        assertTrue(tookMs < 5_000, "error after " + tookMs + " ms");
        assertTrue(!WsTestClient.types(rest).contains("audio_end"));
      } finally {
        partition.uninstall(server.vertx());
      }
    }
  }
}
