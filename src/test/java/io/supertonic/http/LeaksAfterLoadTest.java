package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.ServerProcess;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated rounds of 50 speech requests, half of them abandoned mid-stream, leave nothing behind:
 * the worker ends idle (no slot or queue place held), the server's thread count stops growing once
 * its fixed-size pools are warm, and its resident memory (which holds ONNX Runtime's native
 * tensors, invisible to the Java heap) does not trend upwards. ONNX Runtime's Java API does not
 * count open tensors, so native memory is the observable stand-in.
 *
 * <p>The server runs in a JVM of its own with its heap fixed and touched at start ({@code -Xms} =
 * {@code -Xmx}, {@code AlwaysPreTouch}): a heap that grows to its working size, or the test JVM's
 * own garbage, would otherwise show up as resident memory (in a full-suite run the shared JVM's RSS
 * moved by 30 MB between rounds with no leak at all). Before each sample the server collects its
 * heap and hands freed native memory back ({@code jcmd GC.run}, {@code System.trim_native_heap}),
 * so what remains is memory still held.
 */
class LeaksAfterLoadTest {
  private static final int ROUNDS = 10;

  /** Rounds that warm pools, JIT, allocator arenas and ONNX Runtime's own arena. */
  private static final int WARM_ROUNDS = 2;

  private static final int PER_ROUND = 50;

  /** A leak of 150 kB a request; runs without a leak fitted -0.4 to +2 MB a round. */
  private static final double MAX_SLOPE_KB_PER_ROUND = 150.0 * PER_ROUND;

  @TempDir Path dir;

  @Test
  void roundsOfLoadWithDisconnectsLeaveNoThreadsNativeMemoryOrSlotsBehind() throws Exception {
    try (ServerProcess server =
        ServerProcess.start(
            dir,
            Map.of("MALLOC_ARENA_MAX", "2"),
            List.of("-Xms256m", "-Xmx256m", "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC"),
            List.of("--max-queue", "64"))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      ExecutorService clients = Executors.newFixedThreadPool(6);
      List<Long> threads = new ArrayList<>();
      List<Long> rssKb = new ArrayList<>();
      try {
        for (int round = 0; round < ROUNDS; round++) {
          List<Future<Integer>> results = new ArrayList<>();
          for (int i = 0; i < PER_ROUND; i++) {
            boolean abandon = i % 2 == 1;
            results.add(clients.submit(() -> oneRequest(http, abandon)));
          }
          for (Future<Integer> result : results) {
            assertEquals(200, result.get(60, TimeUnit.SECONDS));
          }
          awaitIdle(http);
          server.jcmd("GC.run");
          server.jcmd("System.trim_native_heap");
          threads.add(server.procStatus("Threads"));
          rssKb.add(server.procStatus("VmRSS"));
        }
      } finally {
        clients.shutdownNow();
      }
      double slope = slopePerRound(rssKb.subList(WARM_ROUNDS, ROUNDS));
      System.out.printf(
          "leaks after load: threads per round %s, VmRSS kB per round %s, slope %.0f kB/round%n",
          threads, rssKb, slope);
      long threadBase = threads.get(WARM_ROUNDS - 1);
      for (int r = WARM_ROUNDS; r < ROUNDS; r++) {
        assertTrue(threads.get(r) <= threadBase + 2, "threads grew: " + threads);
      }
      // A least-squares slope over the rounds after warm-up, not the last sample against one base:
      // single samples move by several MB either way, a leak moves every later one.
      assertTrue(
          slope < MAX_SLOPE_KB_PER_ROUND,
          String.format("resident memory trends up by %.0f kB a round: %s", slope, rssKb));
    }
  }

  private static double slopePerRound(List<Long> samples) {
    int n = samples.size();
    double meanX = (n - 1) / 2.0;
    double meanY = samples.stream().mapToLong(Long::longValue).average().orElseThrow();
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      num += (i - meanX) * (samples.get(i) - meanY);
      den += (i - meanX) * (i - meanX);
    }
    return num / den;
  }

  /** A short utterance read whole, or a long one dropped after its first 4 KB. */
  private static int oneRequest(HttpTestClient http, boolean abandon) throws Exception {
    JsonObject request =
        new JsonObject()
            .put("input", abandon ? "The stream goes on and on. ".repeat(30) : "A short one.")
            .put("response_format", abandon ? "pcm" : "mp3");
    HttpResponse<InputStream> response = http.speechStream(request);
    try (InputStream in = response.body()) {
      if (abandon) {
        in.readNBytes(4096);
      } else {
        in.readAllBytes();
      }
    }
    return response.statusCode();
  }

  /** Bounded wait until the worker reports no job running and none queued. */
  private static void awaitIdle(HttpTestClient http) throws Exception {
    Pattern running = Pattern.compile("\"running\"\\s*:\\s*(\\d+)");
    Pattern queued = Pattern.compile("\"queued\"\\s*:\\s*(\\d+)");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    String body = "";
    while (System.nanoTime() < deadline) {
      body = http.get("/readyz").body();
      Matcher r = running.matcher(body);
      Matcher q = queued.matcher(body);
      if (r.find() && q.find() && r.group(1).equals("0") && q.group(1).equals("0")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the worker did not return to idle: " + body);
  }
}
