package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket endpoint's limits: sessions per server (503 at the upgrade), utterances and text
 * per session (errors with codes, the socket stays usable), message size (1009 with a reason),
 * worker refusals (server_busy with retry_after_ms) and ping/pong keep-alive.
 */
@ExtendWith(VertxExtension.class)
class WsLimitsTest {
  private static final int MAX_SESSIONS = 4;
  private static final int MAX_MESSAGE_BYTES = 4096;
  private static final long PING_MS = 200;

  @TempDir static Path tempDir;
  private static TestServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        TestServer.start(
            tempDir,
            new JsonObject()
                .put("ws_max_sessions", MAX_SESSIONS)
                .put("ws_max_message_bytes", MAX_MESSAGE_BYTES)
                .put("ws_ping_interval_ms", PING_MS));
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static WsTestClient connect() throws Exception {
    return WsTestClient.connect(server.vertx(), server.port());
  }

  private static JsonObject msg(String type) {
    return new JsonObject().put("type", type);
  }

  @Test
  void aMessageOverTheLimitClosesWith1009AndAReason() throws Exception {
    try (WsTestClient client = connect()) {
      client.expect("ready");
      client.sendRaw("{\"type\":\"text\",\"text\":\"" + "a".repeat(3 * MAX_MESSAGE_BYTES) + "\"}");

      String closed = client.awaitClose();
      assertTrue(closed.startsWith("1009 "), closed);
    }
  }

  @Test
  void aFragmentedMessageOverTheLimitClosesWith1009AndAReason() throws Exception {
    try (WsTestClient client = connect()) {
      client.expect("ready");
      String part = "b".repeat(MAX_MESSAGE_BYTES / 2);
      client.socket.writeFrame(WebSocketFrame.textFrame("{\"type\":\"text\",\"text\":\"", false));
      for (int i = 0; i < 3; i++) {
        client.socket.writeFrame(
            WebSocketFrame.continuationFrame(io.vertx.core.buffer.Buffer.buffer(part), false));
      }
      client.socket.writeFrame(
          WebSocketFrame.continuationFrame(io.vertx.core.buffer.Buffer.buffer("\"}"), true));

      String closed = client.awaitClose();
      assertTrue(closed.startsWith("1009 ") && closed.contains("max_message_bytes"), closed);
    }
  }

  @Test
  void sessionsBeyondTheLimitAreRefusedAtTheUpgradeWith503() throws Exception {
    List<WsTestClient> clients = new ArrayList<>();
    try {
      // Other tests' sockets may still be closing: fill up to the limit whatever is left. A real
      // client fills each place (a raw probe that got 101 would hold its place until the server
      // saw it close, and the next client could be refused for it).
      for (int attempt = 0; ; attempt++) {
        assertTrue(attempt < 4 * MAX_SESSIONS, "the limit was never reached: " + clients.size());
        try {
          WsTestClient client = connect();
          client.expect("ready");
          clients.add(client);
          assertTrue(clients.size() <= MAX_SESSIONS, "more sessions than the limit were opened");
          continue;
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof io.vertx.core.http.UpgradeRejectedException rejected)
              || rejected.getStatus() != 503) {
            throw e;
          }
        }
        // Refused: the refusal's shape, seen raw (unless a place freed up meanwhile).
        String response = upgradeRaw();
        if (response.startsWith("HTTP/1.1 503")) {
          assertTrue(response.contains("Retry-After: 1"), response);
          assertTrue(response.contains("\"code\":\"server_busy\""), response);
          assertTrue(response.contains("application/json"), response);
          break;
        }
      }
    } finally {
      clients.forEach(WsTestClient::close);
    }
    // The closed sessions free their places.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String response;
    do {
      response = upgradeRaw();
    } while (!response.startsWith("HTTP/1.1 101") && System.nanoTime() < deadline);
    assertTrue(response.startsWith("HTTP/1.1 101"), response);
  }

  /** A raw upgrade request; returns the response head and any JSON body, then disconnects. */
  private static String upgradeRaw() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              ("GET /v1/audio/speech/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      byte[] buffer = new byte[4096];
      StringBuilder text = new StringBuilder();
      InputStream in = socket.getInputStream();
      while (!text.toString().contains("\r\n\r\n")
          || text.toString().startsWith("HTTP/1.1 503") && !text.toString().contains("}}")) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
      }
      return text.toString();
    }
  }

  @Test
  void aPeerThatNeverAnswersPingsIsClosed() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /v1/audio/speech/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                  + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                  + "Sec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      // Read server frames without ever answering: pings (0x89) arrive, then a close (0x88)
      // carrying 1001 once two intervals pass without a pong.
      socket.setSoTimeout((int) (20 * PING_MS));
      InputStream in = socket.getInputStream();
      byte[] all = new byte[0];
      int pings = 0;
      long start = System.nanoTime();
      while (true) {
        byte[] chunk = new byte[4096];
        int n;
        try {
          n = in.read(chunk);
        } catch (SocketTimeoutException e) {
          throw new AssertionError("no close within " + 20 * PING_MS + " ms; pings " + pings);
        }
        if (n < 0) {
          break;
        }
        byte[] grown = new byte[all.length + n];
        System.arraycopy(all, 0, grown, 0, all.length);
        System.arraycopy(chunk, 0, grown, all.length, n);
        all = grown;
        String seen = new String(all, StandardCharsets.ISO_8859_1);
        pings = seen.split("keepalive", -1).length - 1;
        int close = seen.indexOf((char) 0x88);
        if (close >= 0 && all.length >= close + 4) {
          int code = ((all[close + 2] & 0xff) << 8) | (all[close + 3] & 0xff);
          assertEquals(1001, code);
          break;
        }
      }
      assertTrue(pings >= 1, "pinged " + pings + " times");
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms < 20 * PING_MS, "closed after " + ms + " ms");
    }
  }

  @Test
  void aPeerThatAnswersPingsStaysOpen() throws Exception {
    try (WsTestClient client = connect()) {
      CountDownLatch pings = new CountDownLatch(6);
      AtomicInteger seen = new AtomicInteger();
      client.socket.frameHandler(
          frame -> {
            if (frame.type() == WebSocketFrameType.PING) {
              seen.incrementAndGet();
              pings.countDown();
            }
          });
      // Six pings take three times the dead-peer deadline; the automatic pongs keep it open.
      assertTrue(pings.await(30 * PING_MS, TimeUnit.MILLISECONDS), "pings seen: " + seen.get());
      assertFalse(client.socket.isClosed());
    }
  }

  private WsHarness harness(Vertx vertx, JsonObject config, int maxQueue) throws Exception {
    return WsHarness.start(vertx, config, new FakeSynthesisWorker(1, maxQueue, 100));
  }

  @Test
  void utterancesBeyondTheSessionQueueGetQueueFull(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject().put("ws_max_queued_utterances", 2), 100);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      // Each utterance takes several 100 ms chunks: one runs, two wait, the fourth is refused.
      for (int i = 0; i < 4; i++) {
        c.send(msg("text").put("text", "Utterance number " + i + " is long enough for chunks."));
        c.send(msg("flush"));
      }
      JsonObject error = firstError(c);
      assertEquals("queue_full", error.getString("code"), error.encode());
      // The refused text stays buffered; once the queue drains a flush speaks it.
      int ends = 0;
      while (ends < 3) {
        Object frame = c.next();
        if (frame instanceof JsonObject j && "audio_end".equals(j.getString("type"))) {
          ends++;
        }
      }
      c.send(msg("flush"));
      c.until("audio_end");
    }
  }

  @Test
  void textBeyondTheBufferGetsTextTooLong(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject().put("max_input_chars", 50), 100);
    try (WsTestClient c = h.connect()) {
      c.expect("ready");
      c.send(msg("text").put("text", "x".repeat(40)));
      c.send(msg("text").put("text", "y".repeat(40)));
      JsonObject error = c.expect("error");
      assertEquals("text_too_long", error.getString("code"));
      c.send(msg("flush"));
      c.until("audio_end");
    }
  }

  @Test
  void aBusyWorkerGivesServerBusyWithARetryHint(Vertx vertx) throws Exception {
    WsHarness h = harness(vertx, new JsonObject(), 0);
    try (WsTestClient a = h.connect();
        WsTestClient b = h.connect()) {
      a.expect("ready");
      b.expect("ready");
      a.send(
          msg("text").put("text", "A long utterance that keeps the only worker busy. ".repeat(4)));
      a.send(msg("flush"));
      a.expect("audio_start");
      b.send(msg("text").put("text", "Hello."));
      b.send(msg("flush"));

      JsonObject error = b.expect("error");
      assertEquals("server_busy", error.getString("code"), error.encode());
      assertEquals(WsOutbox.BUSY_RETRY_AFTER_MS, error.getLong("retry_after_ms"));
    }
  }

  private static JsonObject firstError(WsTestClient c) throws InterruptedException {
    while (true) {
      Object frame = c.next();
      if (frame instanceof JsonObject j && "error".equals(j.getString("type"))) {
        return j;
      }
    }
  }

  @SuppressWarnings("unused")
  private static void unused(CompletableFuture<?> f) {
    assertNotNull(f);
  }
}
