package io.supertonic.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

/**
 * One keep-alive HTTP/1.1 connection that times a request the way a streaming player sees it: from
 * just before the request's first byte is written to the arrival of the response body's first byte.
 * A benchmark of the server's own overhead needs a client that adds almost nothing: the JDK HTTP
 * client costs several milliseconds per request (its selector thread and body subscribers), so this
 * reads the socket directly: status line, headers, then a chunked or sized body.
 *
 * <p>Not thread-safe; one connection per benchmark thread. Handles what the server sends (chunked
 * or {@code Content-Length} bodies, keep-alive); not a general-purpose client.
 */
final class TimedHttpConnection implements AutoCloseable {
  private static final int MAX_LINE = 16 * 1024;

  /** What one request took. Header names are lower-case. */
  record Timed(
      int status,
      Map<String, String> headers,
      double ttfbMs,
      double totalMs,
      long bodyBytes,
      byte[] smallBody) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final String host;
  private final int port;
  private final boolean tls;
  private final String hostHeader;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  TimedHttpConnection(URI base) {
    this.tls = "https".equalsIgnoreCase(base.getScheme());
    if (!tls && !"http".equalsIgnoreCase(base.getScheme())) {
      throw new IllegalArgumentException("--url must be http:// or https://, got " + base);
    }
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    this.hostHeader = base.getPort() > 0 ? host + ":" + port : host;
  }

  /** Connects now (if not connected), so a later timed request does not pay the handshake. */
  void connect() throws IOException {
    if (socket != null && !socket.isClosed()) {
      return;
    }
    Socket s = tls ? SSLSocketFactory.getDefault().createSocket() : new Socket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(host, port), 5000);
    s.setSoTimeout(300_000);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
    out = s.getOutputStream();
  }

  /** A GET, e.g. to warm this client's own code and connection before the timed requests. */
  Timed get(String path) throws IOException {
    return exchange("GET", path, null, null);
  }

  /** A POST of a JSON body; the response body is read to its end and counted. */
  Timed postJson(String path, String json) throws IOException {
    return postJson(path, json, null);
  }

  /** The same with an {@code X-Request-Id} (null: none). */
  Timed postJson(String path, String json, String requestId) throws IOException {
    return exchange("POST", path, json.getBytes(StandardCharsets.UTF_8), requestId);
  }

  private Timed exchange(String method, String path, byte[] body, String requestId)
      throws IOException {
    connect();
    StringBuilder head =
        new StringBuilder()
            .append(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\nHost: ")
            .append(hostHeader)
            .append("\r\nAccept: */*\r\n");
    if (requestId != null) {
      head.append("X-Request-Id: ").append(requestId).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.length)
          .append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = headBytes;
    if (body != null) {
      request = new byte[headBytes.length + body.length];
      System.arraycopy(headBytes, 0, request, 0, headBytes.length);
      System.arraycopy(body, 0, request, headBytes.length, body.length);
    }
    long start = System.nanoTime();
    out.write(request);
    out.flush();
    String statusLine = readLine();
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x response: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = readLine(); !line.isEmpty(); line = readLine()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.merge(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim(),
            (a, b) -> a + ", " + b);
      }
    }
    BodyReader reader = new BodyReader(status != 200);
    boolean chunked =
        headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
    if (chunked) {
      reader.chunked();
    } else if (headers.containsKey("content-length")) {
      reader.fixed(Long.parseLong(headers.get("content-length")));
    } else {
      // No framing: the body runs to the end of the connection.
      reader.toEof();
    }
    double totalMs = (System.nanoTime() - start) / 1e6;
    if (headers.getOrDefault("connection", "").equalsIgnoreCase("close") || reader.eof) {
      close();
    }
    return new Timed(
        status,
        headers,
        reader.firstByteNanos < 0 ? totalMs : (reader.firstByteNanos - start) / 1e6,
        totalMs,
        reader.bytes,
        reader.kept == null ? new byte[0] : reader.kept.toByteArray());
  }

  /** Reads a body, noting when its first byte arrived; keeps it only for error responses. */
  private final class BodyReader {
    private final ByteArrayOutputStream kept;
    private final byte[] buffer = new byte[16 * 1024];
    long firstByteNanos = -1;
    long bytes;
    boolean eof;

    BodyReader(boolean keep) {
      this.kept = keep ? new ByteArrayOutputStream() : null;
    }

    void chunked() throws IOException {
      while (true) {
        String sizeLine = readLine();
        int semicolon = sizeLine.indexOf(';');
        long size =
            Long.parseLong(
                (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
        if (size == 0) {
          // Trailers, then the blank line that ends the message.
          while (!readLine().isEmpty()) {
            // ignored
          }
          return;
        }
        fixed(size);
        readLine(); // the CRLF after the chunk's data
      }
    }

    void fixed(long length) throws IOException {
      long left = length;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException("connection closed " + left + " bytes before the body's end");
        }
        took(n);
        left -= n;
      }
    }

    void toEof() throws IOException {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        took(n);
      }
      eof = true;
    }

    private void took(int n) {
      if (n > 0 && firstByteNanos < 0) {
        firstByteNanos = System.nanoTime();
      }
      bytes += n;
      if (kept != null && kept.size() < 64 * 1024) {
        kept.write(buffer, 0, n);
      }
    }
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed mid-response");
      }
      if (b == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException("response line longer than " + MAX_LINE + " bytes");
      }
      line.append((char) b);
    }
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
