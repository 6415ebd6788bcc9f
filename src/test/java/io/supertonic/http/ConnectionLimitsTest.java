package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Slow and greedy clients on raw sockets: requests that never finish arriving are dropped at the
 * request timeout, a client over its connection limit gets 429, and none of it logs an ERROR.
 */
class ConnectionLimitsTest {
  private static final int REQUEST_TIMEOUT_MS = 1_000;
  private static final int PER_CLIENT = 40;

  @RegisterExtension
  static final ServerPerClass SERVER =
      new ServerPerClass(
          new JsonObject()
              .put("request_timeout_ms", REQUEST_TIMEOUT_MS)
              .put("max_connections_per_client", PER_CLIENT));

  private static Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", SERVER.server().port()), 5_000);
    return socket;
  }

  private static void write(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Milliseconds until the server closes the socket; fails after {@code boundMs}. */
  private static long awaitServerClose(Socket socket, long startNanos, long boundMs)
      throws IOException {
    InputStream in = socket.getInputStream();
    long deadline = startNanos + boundMs * 1_000_000;
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      try {
        if (in.read(new byte[4096]) < 0) {
          return (System.nanoTime() - startNanos) / 1_000_000;
        }
      } catch (SocketTimeoutException e) {
        break;
      } catch (IOException e) {
        return (System.nanoTime() - startNanos) / 1_000_000;
      }
    }
    throw new AssertionError("the server kept the connection open for over " + boundMs + " ms");
  }

  @Test
  void clientsThatTrickleHeadersAreDroppedAtTheRequestTimeout() throws Exception {
    List<Socket> sockets = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < 30; i++) {
        Socket socket = connect();
        write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n");
        sockets.add(socket);
      }
      // One header line every 200 ms keeps bytes flowing: an idle timeout alone would never fire.
      Socket trickler = sockets.get(0);
      long closedAfter = -1;
      for (int i = 0; i < 40 && closedAfter < 0; i++) {
        try {
          write(trickler, "X-Slow-" + i + ": 1\r\n");
        } catch (IOException e) {
          closedAfter = (System.nanoTime() - start) / 1_000_000;
          break;
        }
        trickler.setSoTimeout(200);
        try {
          if (trickler.getInputStream().read() < 0) {
            closedAfter = (System.nanoTime() - start) / 1_000_000;
          }
        } catch (SocketTimeoutException e) {
          // still open
        } catch (IOException e) {
          closedAfter = (System.nanoTime() - start) / 1_000_000;
        }
      }
      assertTrue(
          closedAfter > 0 && closedAfter < 4 * REQUEST_TIMEOUT_MS, "trickler " + closedAfter);
      for (Socket socket : sockets.subList(1, sockets.size())) {
        long after = awaitServerClose(socket, start, 4L * REQUEST_TIMEOUT_MS);
        assertTrue(after >= REQUEST_TIMEOUT_MS - 100, "closed too early, after " + after + " ms");
      }
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void aBodyThatNeverCompletesGets408InTheOpenAiShape() throws Exception {
    try (Socket socket = connect()) {
      write(
          socket,
          "POST /v1/audio/speech HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100\r\n\r\n{\"input\":");
      socket.setSoTimeout(4 * REQUEST_TIMEOUT_MS);
      RawHttp.Response response = RawHttp.read(socket.getInputStream());

      assertEquals(408, response.status(), response.toString());
      HttpLayerErrorsTest.assertOpenAiError(response);
      assertEquals("close", response.header("Connection"));
    }
  }

  @Test
  void aKeptAliveConnectionServesTheNextRequest() throws Exception {
    try (Socket socket = connect()) {
      socket.setSoTimeout(5_000);
      for (int i = 0; i < 3; i++) {
        write(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, RawHttp.read(socket.getInputStream()).status());
        Thread.sleep(REQUEST_TIMEOUT_MS / 3);
      }
    }
  }

  @Test
  void aClientOverItsConnectionLimitGets429() throws Exception {
    List<Socket> held = new ArrayList<>();
    try {
      for (int i = 0; i < PER_CLIENT; i++) {
        held.add(connect());
      }
      try (Socket extra = connect()) {
        write(extra, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        extra.setSoTimeout(5_000);
        RawHttp.Response response = RawHttp.read(extra.getInputStream());

        assertEquals(429, response.status(), response.toString());
        HttpLayerErrorsTest.assertOpenAiError(response);
        assertEquals("1", response.header("Retry-After"));
      }
    } finally {
      for (Socket socket : held) {
        socket.close();
      }
    }
    // Closed connections no longer count: the server answers again (it may take it a moment to
    // see the closes).
    long deadline = System.nanoTime() + 5_000_000_000L;
    int status;
    do {
      status =
          RawHttp.exchange(SERVER.server().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
              .status();
    } while (status != 200 && System.nanoTime() < deadline);
    assertEquals(200, status);
  }

  @Test
  void abandonedBodiesLogNoError() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);
    try {
      for (int i = 0; i < 20; i++) {
        try (Socket socket = connect()) {
          write(
              socket,
              "POST /v1/audio/speech HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 1000\r\n\r\n{\"input\": \"half a bo");
        }
      }
      // The server has seen every close once a request on a fresh connection is answered after
      // them all and the slow ones time out.
      Thread.sleep(REQUEST_TIMEOUT_MS * 2L);
      assertEquals(
          200,
          RawHttp.exchange(SERVER.server().port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
              .status());
      List<String> errors =
          List.copyOf(logs.list).stream()
              .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
              .map(ILoggingEvent::getFormattedMessage)
              .toList();
      assertEquals(List.of(), errors);
    } finally {
      root.detachAppender(logs);
    }
  }
}
