package io.supertonic.bridge;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client of the TCP event-bus bridge written from its wire protocol, as a non-JVM client would
 * be: every frame is a 4-byte big-endian length followed by that many bytes of UTF-8 JSON. Client
 * frames have a {@code type} (send, publish, register, unregister, ping), an {@code address}, an
 * optional {@code replyAddress}, {@code headers} and {@code body}; the bridge answers with {@code
 * message}, {@code err} or {@code pong} frames.
 */
final class BridgeSocket implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  BridgeSocket(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  void write(JsonObject frame) throws IOException {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    out.writeInt(json.length);
    out.write(json);
    out.flush();
  }

  void send(String address, Object body) throws IOException {
    write(new JsonObject().put("type", "send").put("address", address).put("body", body));
  }

  void request(String address, String replyAddress, Object body) throws IOException {
    write(
        new JsonObject()
            .put("type", "send")
            .put("address", address)
            .put("replyAddress", replyAddress)
            .put("body", body));
  }

  void register(String address) throws IOException {
    write(new JsonObject().put("type", "register").put("address", address));
  }

  /** Bytes as they are, for frames a well-behaved client would not send. */
  void writeRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Whether the bridge closed the connection within the timeout: end of stream or a reset, with no
   * frame before it.
   */
  boolean closedByBridge(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }

  /** The next frame from the bridge; fails if none arrives within the timeout. */
  JsonObject next(Duration timeout) throws IOException {
    socket.setSoTimeout((int) timeout.toMillis());
    try {
      int length = in.readInt();
      byte[] json = in.readNBytes(length);
      return new JsonObject(new String(json, StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      throw new AssertionError("No frame from the bridge within " + timeout.toMillis() + " ms");
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
