package io.supertonic.wyoming;

import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking Wyoming client written from the protocol document (rhasspy/wyoming README: a JSON
 * header line with type, data, data_length, payload_length; then data_length bytes of JSON merged
 * over the header's data; then payload_length bytes of payload). Independent of the server code.
 * Every read is bounded by the socket timeout.
 */
public final class WyomingTestClient implements Closeable {

  /** A received event; {@code header} is the raw header line's JSON. */
  public record Event(String type, JsonObject header, JsonObject data, byte[] payload) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public WyomingTestClient(int port) throws IOException {
    this("127.0.0.1", port);
  }

  /** Connects to {@code host}; the connection's source is the address the kernel picks for it. */
  public WyomingTestClient(String host, int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress(host, port), 5_000);
    socket.setSoTimeout(30_000);
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Writes an event the way the reference library does: data as separate bytes after the line. */
  public void send(String type, JsonObject data) throws IOException {
    JsonObject header = new JsonObject().put("type", type).put("version", "1.7.2");
    byte[] dataBytes = null;
    if (data != null && !data.isEmpty()) {
      dataBytes = data.encode().getBytes(StandardCharsets.UTF_8);
      header.put("data_length", dataBytes.length);
    }
    out.write((header.encode() + "\n").getBytes(StandardCharsets.UTF_8));
    if (dataBytes != null) {
      out.write(dataBytes);
    }
    out.flush();
  }

  public void send(String type) throws IOException {
    send(type, null);
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** The next event; throws EOFException when the server closed the connection. */
  public Event read() throws IOException {
    String line = readLine();
    JsonObject header = new JsonObject(line);
    JsonObject data =
        header.getJsonObject("data") == null ? new JsonObject() : header.getJsonObject("data");
    int dataLength = header.getInteger("data_length", 0);
    if (dataLength > 0) {
      data =
          data.copy()
              .mergeIn(new JsonObject(new String(readExactly(dataLength), StandardCharsets.UTF_8)));
    }
    int payloadLength = header.getInteger("payload_length", 0);
    byte[] payload = payloadLength > 0 ? readExactly(payloadLength) : new byte[0];
    return new Event(header.getString("type"), header, data, payload);
  }

  /** Reads events up to and including the first of {@code type}. */
  public List<Event> readUntil(String type) throws IOException {
    return readUntil(type, false);
  }

  /**
   * As {@link #readUntil(String)}; an {@code error} event fails the read unless {@code
   * errorsExpected}.
   */
  public List<Event> readUntil(String type, boolean errorsExpected) throws IOException {
    List<Event> events = new ArrayList<>();
    while (true) {
      Event e = read();
      events.add(e);
      if (e.type().equals(type)) {
        return events;
      }
      if (e.type().equals("error") && !errorsExpected) {
        throw new AssertionError("unexpected error event: " + e.data().encode());
      }
    }
  }

  /** True when the server closes the connection within the socket timeout. */
  boolean closedByServer() throws IOException {
    try {
      while (true) {
        read();
      }
    } catch (EOFException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // connection reset
    }
  }

  void setReadTimeoutMs(int ms) throws IOException {
    socket.setSoTimeout(ms);
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      line.write(b);
    }
  }

  private byte[] readExactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("connection closed inside an event");
    }
    return bytes;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
