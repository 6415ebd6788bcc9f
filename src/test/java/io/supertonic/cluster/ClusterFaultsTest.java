package io.supertonic.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.cluster.jvm.Await;
import io.supertonic.cluster.jvm.LocalCluster;
import io.supertonic.cluster.jvm.LocalCluster.Spec;
import io.supertonic.cluster.jvm.NodeProcess;
import io.supertonic.cluster.jvm.SpeechStream;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster's failure semantics across real JVMs on loopback (issue figures: a dead worker's
 * stream fails within 5 s, a vanished gateway's jobs are freed within 5 s, a joining worker takes
 * load within 5 s, SIGTERM drains). Each test starts its own gateway and workers with the README's
 * flags under a unique cluster name; logs go to {@code target/multi-jvm/}.
 */
@Tag("multi-jvm")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterFaultsTest {
  /** The bound for every failure figure. */
  private static final Duration FIGURE = Duration.ofSeconds(5);

  /** Enough PCM to know the stream runs (about 0.7 s of audio). */
  private static final int STARTED = 64 * 1024;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

  @TempDir static Path modelDir;

  private LocalCluster cluster;

  @AfterEach
  void stopEverything() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private LocalCluster cluster(TestInfo test) throws Exception {
    cluster = LocalCluster.create(test.getTestMethod().orElseThrow().getName(), modelDir);
    return cluster;
  }

  private static void figure(String what, Duration took) {
    System.out.printf("FIGURE %s: %d ms%n", what, took.toMillis());
  }

  @Test
  void twoLongRequestsRunInParallelOnTheTwoWorkers(TestInfo test) throws Exception {
    LocalCluster cluster = cluster(test);
    List<NodeProcess> nodes = cluster.launch(List.of(Spec.gateway(), Spec.worker(), Spec.worker()));
    NodeProcess gateway = nodes.get(0);
    Duration ready = awaitFirstSpeech(gateway);
    figure("gateway + 2 workers launched together, to first successful request", ready);
    for (NodeProcess worker : nodes.subList(1, 3)) {
      awaitKnown(gateway, worker);
    }

    try (SpeechStream first =
        SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 1, REQUEST_TIMEOUT)) {
      assertEquals(200, first.status());
      // Held unread: its worker's only slot stays busy until the client reads again.
      first.awaitBytes(STARTED, REQUEST_TIMEOUT);
      // Every request now has to go to the other worker: blind round robin would queue every
      // second one behind the held stream, where it would wait until the stall timeout.
      for (int i = 0; i < 4; i++) {
        List<JsonObject> before = LocalCluster.knownWorkers(gateway);
        SpeechStream.End end;
        try {
          end = speak(gateway, "Short and sweet number " + i + ".", i);
        } catch (TimeoutException e) {
          throw new AssertionError(
              "short request " + i + " waited behind the held stream; the gateway knew " + before,
              e);
        }
        assertTrue(end.clean() && end.bytes() > 0, "short request " + i + " on the free worker");
      }
      try (SpeechStream second =
          SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 2, REQUEST_TIMEOUT)) {
        assertEquals(200, second.status());
        second.awaitBytes(STARTED, REQUEST_TIMEOUT);
        // Both stream at once, one on each worker.
        for (NodeProcess worker : nodes.subList(1, 3)) {
          awaitActive(gateway, worker, 1);
        }
        assertTrue(first.readToEnd(REQUEST_TIMEOUT).clean(), "the first stream completes");
        assertTrue(second.readToEnd(REQUEST_TIMEOUT).clean(), "the second stream completes");
        assertEquals(first.bytes().length, second.bytes().length, "same text, same length");
      }
    }
  }

  @Test
  void aLateWorkerTakesLoadAndAKilledWorkersStreamFailsVisibly(TestInfo test) throws Exception {
    LocalCluster cluster = cluster(test);
    List<NodeProcess> nodes =
        cluster.launch(List.of(Spec.gateway(), Spec.worker("--max-concurrent", "2")));
    NodeProcess gateway = nodes.get(0);
    NodeProcess doomed = nodes.get(1);
    awaitFirstSpeech(gateway);

    NodeProcess late;
    SpeechStream onLate = null;
    try (SpeechStream victim =
        SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 3, REQUEST_TIMEOUT)) {
      victim.awaitBytes(STARTED, REQUEST_TIMEOUT);
      try (SpeechStream filler =
          SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 4, REQUEST_TIMEOUT)) {
        filler.awaitBytes(STARTED, REQUEST_TIMEOUT);
        // The only worker is full; a worker that joins now must take the next request within
        // 5 s of being ready, without restarting the gateway.
        late = cluster.worker();
        cluster.awaitWorkerReady(late);
        Duration known = awaitKnown(gateway, late);
        figure("late worker ready to listed by the gateway", known);
        assertTrue(known.compareTo(FIGURE) <= 0, "late join took " + known.toMillis() + " ms");
        onLate = SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 5, REQUEST_TIMEOUT);
        onLate.awaitBytes(STARTED, REQUEST_TIMEOUT);
        awaitActive(gateway, late, 1);
      }
      // The filler's client left: its slot on the first worker is free again, so that worker
      // (one free slot) now looks better than the late one (full).
      awaitActive(gateway, doomed, 1);

      // kill -9 of the first worker in the middle of the victim's stream. Requests sent at that
      // moment go to it (the gateway still believes it alive) and must be retried on the
      // survivor: they had no audio yet, so their clients only see a later first byte.
      doomed.kill();
      long killed = System.nanoTime();
      List<CompletableFuture<SpeechStream.End>> atTheKill = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        String text = "Sent as the worker died, number " + i + ".";
        long seed = 10 + i;
        atTheKill.add(
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return speak(gateway, text, seed);
                  } catch (Exception e) {
                    throw new CompletionException(e);
                  }
                }));
      }
      SpeechStream.End end = victim.readToEnd(Duration.ofSeconds(30));
      Duration toError = Duration.ofNanos(System.nanoTime() - killed);
      figure("worker kill -9 to the client's stream error", toError);
      assertFalse(end.clean(), "a stream cut by a dead worker must not end like complete audio");
      assertNotNull(end.error());
      assertTrue(toError.compareTo(FIGURE) <= 0, "error after " + toError.toMillis() + " ms");

      // The survivor's own stream is unaffected; once it is read, the retried requests run.
      assertTrue(onLate.readToEnd(REQUEST_TIMEOUT).clean(), "the late worker's stream completes");
      for (CompletableFuture<SpeechStream.End> request : atTheKill) {
        SpeechStream.End served = request.get(60, TimeUnit.SECONDS);
        assertTrue(served.clean() && served.bytes() > 0, "a request sent at the kill");
      }
      figure(
          "three requests sent at the kill, all served by the survivor",
          Duration.ofNanos(System.nanoTime() - killed));
    } finally {
      if (onLate != null) {
        onLate.close();
      }
    }
  }

  @Test
  void aKilledGatewaysJobsAreFreedOnTheWorker(TestInfo test) throws Exception {
    LocalCluster cluster = cluster(test);
    List<NodeProcess> nodes =
        cluster.launch(
            List.of(Spec.gateway(), Spec.gateway(), Spec.worker("--max-concurrent", "2")));
    NodeProcess doomed = nodes.get(0);
    NodeProcess survivor = nodes.get(1);
    awaitFirstSpeech(doomed);
    awaitFirstSpeech(survivor);

    SpeechStream one = SpeechStream.open(doomed, SpeechStream.LONG_TEXT, 5, REQUEST_TIMEOUT);
    SpeechStream two = SpeechStream.open(doomed, SpeechStream.LONG_TEXT, 6, REQUEST_TIMEOUT);
    try (one;
        two) {
      one.awaitBytes(STARTED, REQUEST_TIMEOUT);
      two.awaitBytes(STARTED, REQUEST_TIMEOUT);
      Await.until(
          REQUEST_TIMEOUT,
          "the worker reports both held streams running",
          () -> workerRunning(survivor) == 2);
      doomed.kill();
      Duration freed =
          Await.until(
              Duration.ofSeconds(70),
              "the worker to free the dead gateway's slots",
              () -> workerRunning(survivor) == 0);
      figure("gateway kill -9 to the worker's slots freed", freed);
      assertTrue(freed.compareTo(FIGURE) <= 0, "slots freed after " + freed.toMillis() + " ms");
    }
    assertTrue(speak(survivor, "The survivor speaks.", 7).clean());
  }

  @Test
  void aWorkerOnSigtermFinishesItsStreamWhileNewRequestsGoElsewhere(TestInfo test)
      throws Exception {
    LocalCluster cluster = cluster(test);
    List<NodeProcess> nodes =
        cluster.launch(List.of(Spec.gateway(), Spec.worker("--shutdown-grace-ms", "15000")));
    NodeProcess gateway = nodes.get(0);
    NodeProcess leaving = nodes.get(1);
    awaitFirstSpeech(gateway);
    NodeProcess staying = cluster.worker();

    byte[] drained;
    try (SpeechStream inFlight =
        SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 8, REQUEST_TIMEOUT)) {
      inFlight.awaitBytes(STARTED, REQUEST_TIMEOUT);
      cluster.awaitWorkerReady(staying);
      figure("second worker ready to listed by the gateway", awaitKnown(gateway, staying));
      leaving.terminate();
      long terminated = System.nanoTime();
      // New requests go to the staying worker at once, none fails.
      for (int i = 0; i < 3; i++) {
        SpeechStream.End end =
            speak(gateway, "Routed around the leaving worker " + i + ".", 20 + i);
        assertTrue(end.clean() && end.bytes() > 0, "request " + i + " after SIGTERM");
      }
      figure(
          "SIGTERM to three new requests served elsewhere",
          Duration.ofNanos(System.nanoTime() - terminated));
      SpeechStream.End end = inFlight.readToEnd(REQUEST_TIMEOUT);
      assertTrue(end.clean(), () -> "the in-flight stream completes: " + end.error());
      drained = inFlight.bytes();
    }
    long streamDone = System.nanoTime();
    // With its last job done it leaves the cluster promptly (graceful Hazelcast leave, 5 s at
    // most).
    assertTrue(leaving.awaitExit(Duration.ofSeconds(30)), "the leaving worker exits");
    figure(
        "leaving worker's last stream done to its process exit",
        Duration.ofNanos(System.nanoTime() - streamDone));

    // Complete, not truncated: the same request (same seed) on the staying worker is identical.
    try (SpeechStream again =
        SpeechStream.open(gateway, SpeechStream.LONG_TEXT, 8, REQUEST_TIMEOUT)) {
      assertTrue(again.readToEnd(REQUEST_TIMEOUT).clean());
      assertArrayEquals(again.bytes(), drained);
    }
  }

  /** Waits until the gateway's {@code /healthz} shows the worker running this many jobs. */
  private static void awaitActive(NodeProcess gateway, NodeProcess worker, int active) {
    Await.until(
        REQUEST_TIMEOUT,
        worker + " advertising " + active + " running job(s)",
        () ->
            LocalCluster.knownWorker(gateway, worker)
                .map(w -> w.getInteger("active") == active)
                .orElse(false));
  }

  /** Waits until the gateway's {@code /healthz} lists the worker; returns how long it took. */
  private static Duration awaitKnown(NodeProcess gateway, NodeProcess worker) {
    return Await.until(
        REQUEST_TIMEOUT,
        "the gateway to list " + worker,
        () -> LocalCluster.knownWorker(gateway, worker).isPresent());
  }

  /** Polls until a short request succeeds end to end; returns the time since the launch. */
  private Duration awaitFirstSpeech(NodeProcess gateway) {
    cluster.awaitAlive(
        gateway,
        "a first successful speech request",
        () -> {
          try {
            return speak(gateway, "Ready?", 0).clean();
          } catch (Exception | AssertionError e) {
            return false;
          }
        });
    return gateway.uptime();
  }

  private static SpeechStream.End speak(NodeProcess gateway, String text, long seed)
      throws Exception {
    try (SpeechStream stream = SpeechStream.open(gateway, text, seed, REQUEST_TIMEOUT)) {
      SpeechStream.End end = stream.readToEnd(REQUEST_TIMEOUT);
      if (stream.status() != 200) {
        throw new AssertionError("HTTP " + stream.status() + ": " + new String(stream.bytes()));
      }
      return end;
    }
  }

  /** Syntheses running on the worker(s) answering the gateway's readiness probe, or -1. */
  private static int workerRunning(NodeProcess gateway) {
    try {
      HttpResponse<String> ready =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/readyz"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonArray checks = new JsonObject(ready.body()).getJsonArray("checks");
      for (int i = 0; i < checks.size(); i++) {
        JsonObject check = checks.getJsonObject(i);
        if ("worker".equals(check.getString("id")) && check.getJsonObject("data") != null) {
          return check.getJsonObject("data").getInteger("running", -1);
        }
      }
      return -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
