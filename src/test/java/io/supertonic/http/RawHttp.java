package io.supertonic.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A client that writes exact bytes on a plain socket and reads back one response: for what a
 * well-behaved HTTP client can never send (bad request lines, broken chunked bodies, huge headers).
 */
final class RawHttp {
  private RawHttp() {}

  /**
   * One answer, or {@code status} -1 when the server closed the connection without a response.
   *
   * @param closed the server closed the connection after the response
   */
  record Response(int status, Map<String, String> headers, String body, boolean closed) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  static Response exchange(int port, String request) throws IOException {
    return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Writes the bytes and reads until a whole response arrived or the server closed (10 s max). */
  static Response exchange(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
      } catch (IOException e) {
        // The server may answer and close before the whole (oversized) request is written.
      }
      Response response = read(socket.getInputStream());
      if (response.closed() || response.status() < 0) {
        return response;
      }
      // Did the server close after answering? Wait briefly: a kept-alive connection stays silent.
      socket.setSoTimeout(1000);
      boolean closed;
      try {
        closed = socket.getInputStream().read() < 0;
      } catch (SocketTimeoutException e) {
        closed = false;
      } catch (IOException e) {
        closed = true;
      }
      return new Response(response.status(), response.headers(), response.body(), closed);
    }
  }

  /** Reads one response from a stream already written to. */
  static Response read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    try {
      while (!endsWithBlankLine(head)) {
        int b = in.read();
        if (b < 0) {
          return new Response(-1, Map.of(), head.toString(StandardCharsets.ISO_8859_1), true);
        }
        head.write(b);
      }
    } catch (SocketTimeoutException e) {
      throw new IOException("no response within the timeout; got: " + head, e);
    } catch (IOException e) {
      // A reset before any response counts as a dropped connection.
      if (head.size() == 0) {
        return new Response(-1, Map.of(), "", true);
      }
      throw e;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = readChunked(in);
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8), false);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(in);
      int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
      if (size == 0) {
        line(in);
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      line(in);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  private static boolean endsWithBlankLine(ByteArrayOutputStream head) {
    byte[] b = head.toByteArray();
    int n = b.length;
    return n >= 4 && b[n - 4] == '\r' && b[n - 3] == '\n' && b[n - 2] == '\r' && b[n - 1] == '\n';
  }
}
