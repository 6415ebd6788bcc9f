package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A blocking test client: frames arrive into a queue the test thread reads with timeouts. */
final class WsTestClient implements AutoCloseable {
  static final long TIMEOUT_S = 20;

  private final WebSocketClient client;
  final WebSocket socket;
  private final LinkedBlockingQueue<Object> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();

  private WsTestClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.binaryMessageHandler(frames::add);
    socket.closeHandler(
        v -> closed.complete(socket.closeStatusCode() + " " + socket.closeReason()));
  }

  static WsTestClient connect(Vertx vertx, int port) throws Exception {
    WebSocketClient client = vertx.createWebSocketClient();
    // The handlers go on before the handshake, so the greeting cannot slip past. (Installing them
    // in a callback of the connect future lost it when that callback ran on another event loop
    // than the connection's: a fuzz run waited 20 s for a "ready" the server had sent.)
    ClientWebSocket socket = client.webSocket();
    WsTestClient c = new WsTestClient(client, socket);
    socket
        .connect(port, "localhost", "/v1/audio/speech/stream")
        .toCompletionStage()
        .toCompletableFuture()
        .get(TIMEOUT_S, TimeUnit.SECONDS);
    return c;
  }

  void send(JsonObject message) {
    socket.writeTextMessage(message.encode());
  }

  void sendRaw(String text) {
    socket.writeTextMessage(text);
  }

  Object next() throws InterruptedException {
    Object frame = frames.poll(TIMEOUT_S, TimeUnit.SECONDS);
    assertNotNull(frame, "no frame within " + TIMEOUT_S + " s");
    return frame;
  }

  /** The next frame, or null when none arrived within {@code timeoutMs}. */
  Object poll(long timeoutMs) throws InterruptedException {
    return frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** The next frame, which must be a JSON message of that type. */
  JsonObject expect(String type) throws InterruptedException {
    Object frame = next();
    JsonObject json = frame instanceof JsonObject j ? j : null;
    assertNotNull(json, "expected '" + type + "' but got a binary frame");
    assertEquals(type, json.getString("type"), "unexpected message " + json.encode());
    return json;
  }

  /** Reads frames up to and including the first JSON message of type {@code last}. */
  List<Object> until(String last) throws InterruptedException {
    List<Object> seen = new ArrayList<>();
    while (true) {
      Object frame = next();
      seen.add(frame);
      if (frame instanceof JsonObject j && last.equals(j.getString("type"))) {
        return seen;
      }
    }
  }

  /** PCM bytes carried by the frames: base64 {@code audio} messages and binary frames. */
  static int pcmBytes(List<Object> frames) {
    int total = 0;
    for (Object frame : frames) {
      if (frame instanceof Buffer b) {
        total += b.length();
      } else if (frame instanceof JsonObject j && "audio".equals(j.getString("type"))) {
        total += Base64.getDecoder().decode(j.getString("chunk")).length;
      }
    }
    return total;
  }

  static List<String> types(List<Object> frames) {
    return frames.stream()
        .map(f -> f instanceof JsonObject j ? j.getString("type") : "<binary>")
        .toList();
  }

  String awaitClose() throws Exception {
    return closed.get(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      socket.close();
    }
    client.close();
  }
}
