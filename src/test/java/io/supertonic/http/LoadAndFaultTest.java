package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded load and fault run on loopback against one server: a thousand slow-loris connections,
 * concurrent HTTP clients that read slowly or vanish mid-stream, and a few hundred WebSocket
 * sessions at once. Afterwards open file descriptors, live threads and heap return near their
 * baseline, and the worker never ran more syntheses at once than its limit. Every wait is bounded.
 * The figures it prints go into docs/reliability.md.
 */
class LoadAndFaultTest {
  private static final int SLOW_LORIS = 1_000;
  private static final int HTTP_CLIENTS = 48;
  private static final int WS_SESSIONS = 300;
  private static final int MAX_CONCURRENT = 1;
  private static final long REQUEST_TIMEOUT_MS = 2_000;

  @TempDir Path dir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theServerSurvivesAndReturnsToItsBaseline() throws Exception {
    try (TestServer server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("max_concurrent", MAX_CONCURRENT)
                .put("max_queue", 8)
                .put("request_timeout_ms", REQUEST_TIMEOUT_MS)
                .put("max_connections_per_client", 0)
                .put("ws_max_sessions", WS_SESSIONS)
                .put("total_steps", 1))) {
      int port = server.port();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      // Warm every path once so the baseline includes the pools a first request creates.
      assertEquals(200, speech(http, port, "Warm up.").statusCode());
      Baseline before = Baseline.measure();

      AtomicInteger maxActive = new AtomicInteger();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler = sampleActive(http, port, maxActive, sampling);

      long t0 = System.nanoTime();
      long slowLorisMs = slowLoris(port);
      long t1 = System.nanoTime();
      Map<String, Integer> httpOutcomes = httpClients(port);
      long t2 = System.nanoTime();
      Map<String, Integer> wsOutcomes = webSockets(port);
      long t3 = System.nanoTime();

      sampling.set(false);
      sampler.join(5_000);
      assertEquals(200, speech(http, port, "Still here.").statusCode());

      Baseline after = Baseline.awaitNear(before, Duration.ofSeconds(30));
      System.out.printf(
          "LOAD slow-loris %d closed in %d ms (phase %d ms); http %s (%d ms); ws %s (%d ms);"
              + " max active %d; fds %d -> %d; threads %d -> %d; heap %d -> %d MB%n",
          SLOW_LORIS,
          slowLorisMs,
          (t1 - t0) / 1_000_000,
          httpOutcomes,
          (t2 - t1) / 1_000_000,
          wsOutcomes,
          (t3 - t2) / 1_000_000,
          maxActive.get(),
          before.fds,
          after.fds,
          before.threads,
          after.threads,
          before.heapMb,
          after.heapMb);
      assertTrue(maxActive.get() <= MAX_CONCURRENT, "worker ran " + maxActive.get() + " at once");
      assertTrue(
          after.near(before),
          "not back to baseline: "
              + before
              + " -> "
              + after
              + "; new threads "
              + newThreads(before));
    }
  }

  private static HttpResponse<byte[]> speech(HttpClient http, int port, String text)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/audio/speech"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    new JsonObject().put("input", text).put("response_format", "wav").encode()))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Polls /metrics/summary for the number of syntheses in flight, keeping the maximum. */
  private static Thread sampleActive(
      HttpClient http, int port, AtomicInteger maxActive, AtomicBoolean sampling) {
    Thread thread =
        new Thread(
            () -> {
              while (sampling.get()) {
                try {
                  String body =
                      http.send(
                              HttpRequest.newBuilder(
                                      URI.create("http://127.0.0.1:" + port + "/metrics/summary"))
                                  .timeout(Duration.ofSeconds(5))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body();
                  maxActive.accumulateAndGet(
                      new JsonObject(body).getInteger("active", 0), Math::max);
                  Thread.sleep(20);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // A busy moment; sample again.
                }
              }
            },
            "active-sampler");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Opens the slow-loris connections (half a request line each), waits until the server closed
   * every one, and returns how long that took.
   */
  private static long slowLoris(int port) throws Exception {
    List<Socket> sockets = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < SLOW_LORIS; i++) {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket
            .getOutputStream()
            .write(
                "GET /healthz HTTP/1.1\r\nHost: x\r\nX-a: ".getBytes(StandardCharsets.ISO_8859_1));
        sockets.add(socket);
      }
      long deadline = start + TimeUnit.SECONDS.toNanos(30);
      for (Socket socket : sockets) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        socket.setSoTimeout((int) left);
        try {
          if (socket.getInputStream().read() >= 0) {
            throw new AssertionError("a slow-loris connection got data instead of a close");
          }
        } catch (java.net.SocketTimeoutException e) {
          throw new AssertionError("a slow-loris connection stayed open for 30 s");
        } catch (IOException e) {
          // reset: closed as well
        }
      }
      return (System.nanoTime() - start) / 1_000_000;
    } finally {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  /**
   * Concurrent speech requests on raw sockets: a third read normally, a third read a few bytes at a
   * time with pauses (a slow reader), a third vanish after the first bytes of audio. Every response
   * that arrives must be audio or an OpenAI-shaped 503.
   */
  private static Map<String, Integer> httpClients(int port) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(HTTP_CLIENTS);
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int i = 0; i < HTTP_CLIENTS; i++) {
        int kind = i % 3;
        runs.add(
            pool.submit(
                () -> {
                  String outcome = oneHttpClient(port, kind);
                  outcomes.merge(outcome, 1, Integer::sum);
                  return null;
                }));
      }
      for (Future<?> run : runs) {
        run.get(90, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return outcomes;
  }

  private static String oneHttpClient(int port, int kind) throws IOException {
    String body =
        new JsonObject()
            .put(
                "input",
                "One sentence. Another sentence. " + "And a third one to speak. ".repeat(4))
            .put("response_format", "pcm")
            .encode();
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(60_000);
      socket.setReceiveBufferSize(4096);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/audio/speech HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + body.getBytes(StandardCharsets.UTF_8).length
                  + "\r\nConnection: close\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      InputStream in = socket.getInputStream();
      byte[] head = new byte[12];
      int n = in.readNBytes(head, 0, 12);
      String status = new String(head, 0, n, StandardCharsets.ISO_8859_1);
      if (!status.startsWith("HTTP/1.1 200") && !status.startsWith("HTTP/1.1 503")) {
        throw new AssertionError("unexpected status line " + status);
      }
      if (status.startsWith("HTTP/1.1 503")) {
        String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(rest.contains("\"error\"") && rest.contains("Retry-After"), rest);
        return "busy";
      }
      switch (kind) {
        case 0 -> {
          in.readAllBytes();
          return "complete";
        }
        case 1 -> {
          byte[] buffer = new byte[256];
          while (in.read(buffer) >= 0) {
            try {
              Thread.sleep(2); // a slow reader
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return "interrupted";
            }
          }
          return "slow complete";
        }
        default -> {
          in.readNBytes(512);
          socket.setSoLinger(true, 0); // abrupt: RST, not FIN
          return "vanished";
        }
      }
    }
  }

  /** Opens the sessions at once; each speaks a line or is dropped mid-way. */
  private static Map<String, Integer> webSockets(int port) throws Exception {
    Vertx clientVertx = Vertx.vertx();
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    try {
      WebSocketClient client = clientVertx.createWebSocketClient();
      List<CompletableFuture<String>> sessions = new ArrayList<>();
      for (int i = 0; i < WS_SESSIONS; i++) {
        boolean drop = i % 4 == 0;
        CompletableFuture<String> outcome = new CompletableFuture<>();
        sessions.add(outcome);
        // Handlers before the handshake, so "ready" cannot arrive before they are in place.
        ClientWebSocket socket = client.webSocket();
        socket.closeHandler(v -> outcome.complete("closed " + socket.closeStatusCode()));
        socket.textMessageHandler(
            text -> {
              JsonObject message = new JsonObject(text);
              switch (message.getString("type")) {
                case "ready" -> {
                  socket.writeTextMessage("{\"type\":\"text\",\"text\":\"Hello there.\"}");
                  socket.writeTextMessage("{\"type\":\"flush\"}");
                  if (drop) {
                    socket.close();
                  }
                }
                case "audio_end" -> {
                  outcome.complete("audio_end");
                  socket.close();
                }
                case "error" -> {
                  outcome.complete("error " + message.getString("code"));
                  socket.close();
                }
                default -> {}
              }
            });
        socket
            .connect(
                new WebSocketConnectOptions()
                    .setPort(port)
                    .setHost("127.0.0.1")
                    .setURI("/v1/audio/speech/stream"))
            .onFailure(err -> outcome.complete("refused"));
      }
      for (CompletableFuture<String> session : sessions) {
        String outcome = session.get(90, TimeUnit.SECONDS);
        if (outcome.equals("closed 1006") || outcome.equals("closed 1011")) {
          throw new AssertionError("a session ended with " + outcome);
        }
        outcomes.merge(
            outcome.startsWith("closed") ? "dropped by client" : outcome, 1, Integer::sum);
      }
      client.close();
    } finally {
      clientVertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    return outcomes;
  }

  private static List<String> newThreads(Baseline before) {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(name -> !before.threadNames().contains(name))
        .sorted()
        .toList();
  }

  /** Open fds, live threads and used heap after a GC. */
  private record Baseline(long fds, int threads, long heapMb, java.util.Set<String> threadNames) {
    static Baseline measure() throws IOException {
      System.gc();
      long fds;
      try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
        fds = list.count();
      }
      Runtime rt = Runtime.getRuntime();
      return new Baseline(
          fds,
          ManagementFactory.getThreadMXBean().getThreadCount(),
          (rt.totalMemory() - rt.freeMemory()) >> 20,
          Thread.getAllStackTraces().keySet().stream()
              .map(Thread::getName)
              .collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Vert.x's shared worker pool starts its threads on demand and keeps them, up to a fixed size:
     * bounded, so counted against that bound rather than the baseline.
     */
    long pooled() {
      return threadNames.stream().filter(n -> n.startsWith("vert.x-worker-thread-")).count();
    }

    boolean near(Baseline b) {
      return fds <= b.fds + 40
          && threads - pooled() <= b.threads - b.pooled() + 12
          && pooled() <= io.vertx.core.VertxOptions.DEFAULT_WORKER_POOL_SIZE
          && heapMb <= b.heapMb + 96;
    }

    /** Measures until near the baseline or the time is up; returns the last measurement. */
    static Baseline awaitNear(Baseline base, Duration within) throws Exception {
      long deadline = System.nanoTime() + within.toNanos();
      Baseline now = measure();
      BooleanSupplier done = () -> false;
      while (!now.near(base) && System.nanoTime() < deadline && !done.getAsBoolean()) {
        Thread.sleep(250);
        now = measure();
      }
      return now;
    }
  }
}
