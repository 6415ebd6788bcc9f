package io.supertonic.store;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Hugging Face look-alike on 127.0.0.1: {@code /{repo}/resolve/{rev}/{path}} with Range support,
 * the tree API, a {@code /cdn/} route for redirects, and hooks to misbehave.
 */
final class FakeHub implements AutoCloseable {
  record Request(String method, String path, Headers headers) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  final String repo;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();

  /** Paths whose next GET sends half the body, then drops the connection. */
  final Set<String> cutOnce = ConcurrentHashMap.newKeySet();

  final Map<String, Integer> statusFor = new ConcurrentHashMap<>();

  /** A status answered once for a path, then the file is served normally. */
  final Map<String, Integer> statusOnce = new ConcurrentHashMap<>();

  /** Tree API overrides: path to the sha256 / size the listing claims. */
  final Map<String, String> listedSha256 = new ConcurrentHashMap<>();

  final Map<String, Long> listedSize = new ConcurrentHashMap<>();

  /** X-Linked-ETag header values to send with a file. */
  final Map<String, String> linkedEtag = new ConcurrentHashMap<>();

  volatile boolean treeApi;
  volatile boolean ignoreRange;
  volatile FakeHub redirectTo;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  FakeHub(String repo) throws IOException {
    this.repo = repo;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Request> requestsFor(String path) {
    return requests.stream().filter(r -> r.path().endsWith("/" + path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders()));
    try (exchange) {
      String treePrefix = "/api/models/" + repo + "/tree/main/";
      String resolvePrefix = "/" + repo + "/resolve/main/";
      if (path.startsWith(treePrefix)) {
        tree(exchange, path.substring(treePrefix.length()));
      } else if (path.startsWith(resolvePrefix)) {
        String file = path.substring(resolvePrefix.length());
        Integer once = statusOnce.remove(file);
        Integer status = once != null ? once : statusFor.get(file);
        if (status != null) {
          exchange.sendResponseHeaders(status, -1);
        } else if (redirectTo != null) {
          exchange.getResponseHeaders().add("Location", redirectTo.endpoint() + "/cdn/" + file);
          exchange.sendResponseHeaders(302, -1);
        } else {
          serve(exchange, file);
        }
      } else if (path.startsWith("/cdn/")) {
        serve(exchange, path.substring("/cdn/".length()));
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    } catch (CutConnection e) {
      // Propagating makes the server drop the connection, which the client sees as an early EOF.
      throw e;
    } catch (IOException e) {
      // The client went away; nothing to do.
    }
  }

  private void tree(HttpExchange exchange, String dir) throws IOException {
    if (!treeApi) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    JsonArray entries = new JsonArray();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      if (!e.getKey().startsWith(dir + "/")) {
        continue;
      }
      long size = listedSize.getOrDefault(e.getKey(), (long) e.getValue().length);
      JsonObject entry =
          new JsonObject().put("type", "file").put("path", e.getKey()).put("size", size);
      if (e.getKey().endsWith(".onnx")) {
        String sha = listedSha256.getOrDefault(e.getKey(), hex("SHA-256", e.getValue()));
        entry.put(
            "lfs", new JsonObject().put("oid", sha).put("size", size).put("pointerSize", 134));
      } else {
        byte[] header = ("blob " + e.getValue().length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(header, header.length + e.getValue().length);
        System.arraycopy(e.getValue(), 0, all, header.length, e.getValue().length);
        entry.put("oid", hex("SHA-1", all));
      }
      entries.add(entry);
    }
    byte[] body = entries.encode().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void serve(HttpExchange exchange, String file) throws IOException {
    byte[] content = files.get(file);
    if (content == null) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    String etag = linkedEtag.get(file);
    if (etag != null) {
      exchange.getResponseHeaders().add("X-Linked-ETag", "\"" + etag + "\"");
    }
    int start = 0;
    int status = 200;
    String range = exchange.getRequestHeaders().getFirst("Range");
    if (range != null && !ignoreRange) {
      start = Integer.parseInt(range.replaceFirst("bytes=(\\d+)-.*", "$1"));
      if (start >= content.length) {
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      status = 206;
      exchange
          .getResponseHeaders()
          .add(
              "Content-Range",
              "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
    }
    int length = content.length - start;
    exchange.sendResponseHeaders(status, length);
    OutputStream out = exchange.getResponseBody();
    if (cutOnce.remove(file)) {
      out.write(content, start, length / 2);
      out.flush();
      throw new CutConnection();
    }
    out.write(content, start, length);
  }

  private static final class CutConnection extends IOException {
    CutConnection() {
      super("connection cut on purpose");
    }
  }

  static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
