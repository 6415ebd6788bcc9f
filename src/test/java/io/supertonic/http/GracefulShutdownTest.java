package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.supertonic.testing.TestServer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server (as on SIGTERM) lets a response in flight finish, and takes no new ones. */
class GracefulShutdownTest {
  @TempDir Path dir;

  @Test
  void aResponseInFlightCompletesWhileTheServerStops() throws Exception {
    try (TestServer server =
        TestServer.start(dir, new JsonObject().put("shutdown_grace_ms", 20_000))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      JsonObject request =
          new JsonObject()
              .put("input", "Sentence after sentence, the stream goes on. ".repeat(40))
              .put("response_format", "pcm")
              .put("seed", 11);
      byte[] expected = http.speech(request).body();

      HttpResponse<InputStream> response = http.speechStream(request);
      try (InputStream in = response.body()) {
        byte[] head = in.readNBytes(4096);
        Future<Void> stopping = server.node().stop();
        byte[] rest = in.readAllBytes();
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        assertArrayEquals(expected, all, "the whole utterance arrived");
        stopping.await(30, TimeUnit.SECONDS);
      }
      assertThrows(
          IOException.class, () -> http.get("/healthz"), "no new connections once stopped");
    }
  }
}
