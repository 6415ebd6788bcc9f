package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One stream at a time per client (no keys: per client address): an open WebSocket or a speech
 * response in progress holds the slot until it ends.
 */
class StreamLimitTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static Clients clients;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, new JsonObject().put("max_streams_per_key", 1));
    clients = new Clients(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static void assertStreamLimited(HttpResponse<String> response) {
    assertEquals(429, response.statusCode(), response.body());
    assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
    JsonObject error = Clients.error(response);
    assertEquals("rate_limit_exceeded", error.getString("code"));
    assertTrue(error.getString("message").contains("--max-streams-per-key"));
  }

  /** Polls (bounded) until a speech request is served again. */
  private static void awaitSlotFree() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status;
    do {
      status = clients.speech(Map.of()).statusCode();
      if (status == 200) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    assertEquals(200, status, "the stream slot was not released within 10 s");
  }

  @Test
  void anOpenWebSocketHoldsTheSlotUntilItCloses() throws Exception {
    Object socket = Clients.webSocket(server.vertx(), server.port(), Map.of());
    assertInstanceOf(WebSocket.class, socket);
    try {
      assertStreamLimited(clients.speech(Map.of()));
      Clients.Refused second =
          assertInstanceOf(
              Clients.Refused.class, Clients.webSocket(server.vertx(), server.port(), Map.of()));
      assertEquals(429, second.status());
    } finally {
      Clients.close(socket);
    }
    awaitSlotFree();
  }

  @Test
  void aSpeechResponseInProgressHoldsTheSlotUntilTheClientGoesAway() throws Exception {
    // Long enough that the unread response cannot finish: flow control holds the synthesis.
    String longInput = "This sentence is spoken again and again. ".repeat(400);
    HttpResponse<InputStream> streaming =
        clients.stream(
            "/v1/audio/speech",
            new JsonObject()
                .put("input", longInput)
                .put("voice", "F1")
                .put("response_format", "pcm")
                .encode(),
            Map.of());
    assertEquals(200, streaming.statusCode());
    assertTrue(streaming.body().read(new byte[1024]) > 0);
    assertStreamLimited(clients.speech(Map.of()));
    streaming.body().close();
    awaitSlotFree();
  }
}
