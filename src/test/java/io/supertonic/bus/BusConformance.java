package io.supertonic.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.Pcm16;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.testing.TestServer;
import io.supertonic.worker.SynthesisWorkerVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The event-bus protocol (docs/event-bus.md), checked against the real worker verticle with the
 * tiny model. Subclasses run it on a local bus and on a clustered one; every message the tests
 * cause is validated against docs/schema. Worker death is simulated by {@link Partition}: the
 * client's node stops hearing the worker (and the worker the node), exactly what a kill -9 looks
 * like from the other side; separate-JVM kills are the cluster fault tests' job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BusConformance {
  static final String LONG_TEXT = "This is one sentence of a long story, told slowly. ".repeat(120);
  static final long LIVENESS_BOUND_MS = 5_000;

  /** More chunks than the credits, so a held stream keeps its job running. */
  static final String DRAIN_TEXT = "A job that finishes during the drain. ".repeat(12);

  private Path modelDir;
  protected SupertonicEngine engine;
  protected final SchemaCheck schemas = new SchemaCheck();
  private Partition partition;
  private final List<Deployed> deployed = new ArrayList<>();
  private final List<RawJob> rawJobs = new ArrayList<>();
  private final List<SynthesisClient> clients = new ArrayList<>();
  private final List<java.util.Map.Entry<SynthesisClient, SynthesisStream>> streams =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private record Deployed(Vertx node, String id, SynthesisWorkerVerticle worker) {}

  /** Where clients run. */
  abstract Vertx clientNode();

  /** Where worker {@code i} (0 or 1) runs; on a cluster, worker 0 is on another node. */
  abstract Vertx workerNode(int i);

  abstract void startNodes() throws Exception;

  abstract void stopNodes() throws Exception;

  @BeforeAll
  void setUp() throws Exception {
    modelDir = Files.createTempDirectory("bus-conformance");
    engine = SupertonicEngine.load(EngineOptions.cpu(TestServer.tinyModel(modelDir)));
    startNodes();
    schemas.install(clientNode());
    if (workerNode(0) != clientNode()) {
      schemas.install(workerNode(0));
    }
  }

  @AfterAll
  void tearDown() throws Exception {
    stopNodes();
    engine.close();
  }

  @BeforeEach
  void partition() {
    partition = new Partition();
    partition.install(clientNode());
  }

  @AfterEach
  void cleanUp() throws Exception {
    // Streams left running would retry on the next test's workers.
    for (var started : streams) {
      on(
          started.getKey(),
          () -> {
            started.getValue().cancel();
            return null;
          });
    }
    streams.clear();
    for (RawJob job : rawJobs) {
      job.close().await(5, TimeUnit.SECONDS);
    }
    rawJobs.clear();
    for (SynthesisClient client : clients) {
      client.close().await(5, TimeUnit.SECONDS);
    }
    clients.clear();
    for (Deployed d : deployed) {
      d.node().undeploy(d.id()).await(30, TimeUnit.SECONDS);
    }
    deployed.clear();
    partition.uninstall(clientNode());
    List<String> violations = List.copyOf(schemas.violations());
    schemas.violations().clear();
    assertEquals(List.of(), violations, "traffic that does not match docs/schema");
  }

  // ---------------------------------------------------------------- helpers

  static JsonObject workerConfig() {
    return new JsonObject()
        .put("max_concurrent", 1)
        // -Dsupertonic.test.scheduler=fifo runs the suites with the other scheduler
        .put("scheduler", System.getProperty("supertonic.test.scheduler", "deadline"))
        .put("max_queue", 4)
        .put("total_steps", 2)
        .put("shutdown_grace_ms", 500);
  }

  SynthesisWorkerVerticle deployWorker(int node, JsonObject config) throws Exception {
    SynthesisWorkerVerticle worker = new SynthesisWorkerVerticle(engine);
    String id =
        workerNode(node)
            .deployVerticle(worker, new DeploymentOptions().setConfig(config))
            .await(30, TimeUnit.SECONDS);
    deployed.add(new Deployed(workerNode(node), id, worker));
    awaitReachable(Addresses.synthWorker(worker.workerId()));
    awaitReachable(Addresses.SYNTH);
    return worker;
  }

  /**
   * On a clustered bus a new consumer reaches the other node's view of the subscriptions a moment
   * after its registration completed: until then a send from the client node fails with
   * NO_HANDLERS. A valid request with nothing to say is refused by any worker (empty_input) without
   * side effects, so its reply proves the address is reachable.
   */
  private void awaitReachable(String address) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        clientNode()
            .eventBus()
            .request(
                address,
                rawRequest("").put("stream", "supertonic.stream.probe"),
                new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(2_000))
            .await(5, TimeUnit.SECONDS);
        return;
      } catch (io.vertx.core.eventbus.ReplyException e) {
        if (e.failureType() != io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS) {
          return; // refused by a worker: reachable
        }
      }
      assertTrue(System.nanoTime() < deadline, address + " reachable from the client node");
      Thread.sleep(50);
    }
  }

  void undeploy(SynthesisWorkerVerticle worker) throws Exception {
    Deployed d = deployed.stream().filter(x -> x.worker() == worker).findFirst().orElseThrow();
    deployed.remove(d);
    d.node().undeploy(d.id()).await(30, TimeUnit.SECONDS);
  }

  /** A client whose directory already lists the given workers. */
  SynthesisClient client(SynthesisWorkerVerticle... workers) throws Exception {
    SynthesisClient client = newClient(clientNode());
    awaitCondition(
        () ->
            Stream.of(workers)
                .allMatch(
                    w ->
                        client.directory().live().stream()
                            .anyMatch(i -> i.worker().equals(w.workerId()))),
        10_000,
        "the directory lists the workers");
    return client;
  }

  SynthesisClient newClient(Vertx node) {
    SynthesisClient client = new SynthesisClient(node);
    clients.add(client);
    return client;
  }

  static void awaitCondition(BooleanSupplier condition, long timeoutMs, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutMs + " ms waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  static <T> T on(SynthesisClient client, Callable<T> action) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    client
        .context()
        .runOnContext(
            v -> {
              try {
                result.complete(action.call());
              } catch (Exception e) {
                result.completeExceptionally(e);
              }
            });
    return result.get(10, TimeUnit.SECONDS);
  }

  static SynthesisRequest request(String text, long seed) {
    return new SynthesisRequest("conformance", text, "F1", "en", null, null, seed);
  }

  /** A started stream that nobody reads: its worker's slot stays taken. */
  SynthesisStream held(SynthesisClient client, String text) throws Exception {
    SynthesisStream stream = start(client, request(text, 1)).get(10, TimeUnit.SECONDS);
    on(client, stream::pause);
    return stream;
  }

  /** Reads a stream to its end: the PCM, or the failure. */
  record Outcome(byte[] pcm, Throwable failure, long firstChunkNanos, long endNanos) {}

  static CompletableFuture<Outcome> read(SynthesisClient client, SynthesisStream stream)
      throws Exception {
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    on(
        client,
        () -> {
          ByteArrayOutputStream pcm = new ByteArrayOutputStream();
          long[] first = {-1};
          stream
              .exceptionHandler(
                  err ->
                      outcome.complete(
                          new Outcome(pcm.toByteArray(), err, first[0], System.nanoTime())))
              .endHandler(
                  v ->
                      outcome.complete(
                          new Outcome(pcm.toByteArray(), null, first[0], System.nanoTime())))
              .handler(
                  chunk -> {
                    if (first[0] < 0) {
                      first[0] = System.nanoTime();
                    }
                    pcm.writeBytes(chunk.getBytes());
                  })
              .resume();
          return null;
        });
    return outcome;
  }

  static SynthesisFailure failure(CompletableFuture<?> future) throws Exception {
    try {
      future.get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return assertInstanceOf(SynthesisFailure.class, e.getCause());
    }
    throw new AssertionError("expected a failure, got " + future.get());
  }

  CompletableFuture<SynthesisStream> start(SynthesisClient client, SynthesisRequest request) {
    return client
        .start(request, 2)
        .onSuccess(stream -> streams.add(java.util.Map.entry(client, stream)))
        .toCompletionStage()
        .toCompletableFuture();
  }

  RawJob raw() {
    RawJob job = new RawJob(clientNode());
    rawJobs.add(job);
    return job;
  }

  static JsonObject rawRequest(String text) {
    return new JsonObject()
        .put("v", SynthesisProtocol.VERSION)
        .put("text", text)
        .put("voice", "F1")
        .put("lang", "en")
        .put("seed", 3);
  }

  byte[] direct(String text, long seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var job = engine.start(new SynthesisParams(text, "F1", "en", 1.05, 2, seed));
    while (job.hasNext()) {
      out.writeBytes(Pcm16.toLittleEndian(job.next().pcm()));
    }
    return out.toByteArray();
  }

  WorkerInfo advertised(SynthesisClient client, SynthesisWorkerVerticle worker) {
    return client.directory().live().stream()
        .filter(w -> w.worker().equals(worker.workerId()))
        .findFirst()
        .orElse(null);
  }

  // ---------------------------------------------------------------- the protocol

  @Test
  void happyPathDeliversTheSameSamplesAsTheEngine() throws Exception {
    SynthesisWorkerVerticle worker = deployWorker(0, workerConfig());
    SynthesisClient client = client(worker);
    String text = "The event bus carries every chunk. Nothing is lost on the way.";
    SynthesisStream stream = start(client, request(text, 42)).get(10, TimeUnit.SECONDS);
    assertEquals(worker.workerId(), stream.workerId());
    assertEquals(0, stream.queuedBehind());
    Outcome outcome = read(client, stream).get(30, TimeUnit.SECONDS);
    assertEquals(null, outcome.failure());
    assertArrayEquals(direct(text, 42), outcome.pcm());
    assertEquals(outcome.pcm().length / 2, stream.stats().samples());
    assertEquals(stream.chunksReceived(), stream.stats().chunks());
    assertEquals(42, stream.seed());
    assertTrue(schemas.checked("job-accepted.schema.json") > 0);
    assertTrue(schemas.checked("chunk-headers.schema.json") > 0);
    assertTrue(schemas.checked("stream-message.schema.json") > 0);
    assertTrue(schemas.checked("worker-info.schema.json") > 0);
  }

  @Test
  void theWorkerNeverRunsMoreThanTheGrantedCreditsAhead() throws Exception {
    deployWorker(0, workerConfig());
    RawJob job = raw();
    job.send(Addresses.SYNTH, rawRequest(LONG_TEXT).put("credits", 2)).get(10, TimeUnit.SECONDS);
    assertTrue(job.await(l -> job.chunks().size() == 2, 10_000), "two chunks");
    // Keep-alives prove the worker is alive and still owes audio: two of them after the second
    // chunk, and still no third chunk.
    int atSecond = job.received.size();
    assertTrue(
        job.await(
            l -> l.stream().skip(atSecond).filter(r -> "keepalive".equals(r.type())).count() >= 2,
            5_000),
        "keep-alives while waiting for credit: " + job.types());
    assertEquals(2, job.chunks().size(), "no chunk beyond the credits");
    job.control(new ControlMessage.Credit(1));
    assertTrue(job.await(l -> job.chunks().size() == 3, 10_000), "one credit, one chunk");
    int atThird = job.received.size();
    assertTrue(
        job.await(
            l -> l.stream().skip(atThird).filter(r -> "keepalive".equals(r.type())).count() >= 2,
            5_000));
    assertEquals(3, job.chunks().size());
    job.control(new ControlMessage.Cancel());
    assertEquals("cancelled", job.terminal(5_000).getString("type"));
    assertTrue(schemas.checked("control-message.schema.json") > 0);
  }

  @Test
  void cancelStopsTheJobWithinOneChunk() throws Exception {
    SynthesisWorkerVerticle worker = deployWorker(0, workerConfig());
    SynthesisClient client = client(worker);
    RawJob job = raw();
    job.send(Addresses.SYNTH, rawRequest(LONG_TEXT).put("credits", 1)).get(10, TimeUnit.SECONDS);
    assertTrue(job.await(l -> job.chunks().size() == 1, 10_000));
    job.control(new ControlMessage.Credit(1));
    job.control(new ControlMessage.Cancel());
    JsonObject terminal = job.terminal(5_000);
    assertEquals("cancelled", terminal.getString("type"));
    assertEquals("client", terminal.getString("reason"));
    assertTrue(job.chunks().size() <= 2, "at most one chunk after the cancel: " + job.types());
    awaitCondition(
        () -> advertised(client, worker) != null && advertised(client, worker).active() == 0,
        LIVENESS_BOUND_MS,
        "the worker is free again");
  }

  @Test
  void aClientThatStopsReadingEndsAsStalledNotCancelled() throws Exception {
    SynthesisWorkerVerticle worker = deployWorker(0, workerConfig().put("stall_timeout_ms", 1_500));
    SynthesisClient client = client(worker);
    SynthesisStream stream = held(client, LONG_TEXT);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    on(
        client,
        () ->
            stream
                .exceptionHandler(ended::completeExceptionally)
                .endHandler(v -> ended.complete(null)));
    SynthesisFailure failure = failure(ended);
    assertEquals(ErrorCode.STALLED.id(), failure.code());
    assertEquals(408, failure.status());
    awaitCondition(
        () -> advertised(client, worker).active() == 0, LIVENESS_BOUND_MS, "the slot is free");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        Arguments.of("empty_input", rawRequest("   "), 400),
        Arguments.of("invalid_voice", rawRequest("Hi.").put("voice", "Z9"), 400),
        Arguments.of("invalid_language", rawRequest("Hi.").put("lang", "xx"), 400),
        Arguments.of("invalid_speed", rawRequest("Hi.").put("speed", 9.0), 400),
        Arguments.of("invalid_total_steps", rawRequest("Hi.").put("total_steps", 0), 400),
        Arguments.of("invalid_request", rawRequest("Hi.").put("speed", "fast"), 400),
        Arguments.of("invalid_chunk_encoding", rawRequest("Hi.").put("chunk_encoding", "hex"), 400),
        Arguments.of("unsupported_version", rawRequest("Hi.").put("v", "2.0"), 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void invalidRequestsFailTheReplyWithATypedFailure(String code, JsonObject request, int status)
      throws Exception {
    deployWorker(0, workerConfig());
    SynthesisFailure failure = failure(raw().send(Addresses.SYNTH, request));
    assertEquals(code, failure.code(), failure.getMessage());
    assertEquals(status, failure.status());
    assertEquals(status, failure.failureCode(), "plain ReplyException readers see the status");
    assertTrue(schemas.checked("synthesis-failure.schema.json") > 0);
    // The request itself was meant to be wrong; only the schema of the request may object to it.
    schemas.violations().removeIf(v -> v.contains("job-request.schema.json"));
  }

  @Test
  void aRequestWithoutAStreamAddressIsInvalid() throws Exception {
    deployWorker(0, workerConfig());
    SynthesisFailure failure =
        assertInstanceOf(
            SynthesisFailure.class,
            clientNode()
                .eventBus()
                .request(Addresses.SYNTH, rawRequest("Hi."))
                .toCompletionStage()
                .toCompletableFuture()
                .handle((ok, err) -> err)
                .get(10, TimeUnit.SECONDS));
    assertEquals("invalid_request", failure.code());
    assertEquals("stream", failure.param());
    assertTrue(
        schemas.violations().removeIf(v -> v.contains("job-request.schema.json")),
        "the schema refuses a request without a stream too");
  }

  @Test
  void noWorkerIsATypedFailure() throws Exception {
    SynthesisClient client = newClient(clientNode());
    SynthesisFailure failure = failure(start(client, request("Anyone there?", 1)));
    assertEquals("no_worker", failure.code());
    assertEquals(503, failure.status());
  }

  @Test
  void aFullWorkerRefusesWithQueueFullAndQueuedPlacesAreAccurate() throws Exception {
    SynthesisWorkerVerticle worker = deployWorker(0, workerConfig().put("max_queue", 2));
    SynthesisClient client = client(worker);
    SynthesisStream running = held(client, LONG_TEXT);
    assertEquals(0, running.queuedBehind());
    RawJob second = raw();
    RawJob third = raw();
    assertEquals(
        1,
        second
            .send(worker(worker), rawRequest("Second."))
            .get(10, TimeUnit.SECONDS)
            .getInteger("queued"));
    assertEquals(
        2,
        third
            .send(worker(worker), rawRequest("Third."))
            .get(10, TimeUnit.SECONDS)
            .getInteger("queued"));
    assertTrue(third.await(l -> lastAhead(third) == 1, 5_000), "third: one ahead " + third.types());
    assertEquals(0, lastAhead(second));
    SynthesisFailure full = failure(raw().send(worker(worker), rawRequest("Fourth.")));
    assertEquals("queue_full", full.code());
    assertEquals(503, full.status());
    awaitCondition(
        () -> advertised(client, worker).queued() == 2 && advertised(client, worker).active() == 1,
        5_000,
        "the advertisement counts one running, two queued");

    on(
        client,
        () -> {
          running.cancel();
          return null;
        });
    // The queue moves: the second starts, the third is next.
    assertTrue(
        third.await(l -> lastAhead(third) == 0, 5_000),
        "third is next: "
            + third.received.stream()
                .map(r -> r.json() == null ? "chunk" : r.json().encode())
                .toList());
    second.control(new ControlMessage.Credit(100));
    assertEquals("end", second.terminal(10_000).getString("type"));
    third.control(new ControlMessage.Credit(100));
    assertEquals("end", third.terminal(10_000).getString("type"));
  }

  static String worker(SynthesisWorkerVerticle worker) {
    return Addresses.synthWorker(worker.workerId());
  }

  static int lastAhead(RawJob job) {
    int ahead = -1;
    for (RawJob.Received r : job.received) {
      if ("queued".equals(r.type())) {
        ahead = r.json().getInteger("ahead");
      }
    }
    return ahead;
  }

  @Test
  void twoWorkersRunTwoSimultaneousJobsInParallel() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig());
    SynthesisWorkerVerticle b = deployWorker(1, workerConfig());
    SynthesisClient client = client(a, b);
    CompletableFuture<SynthesisStream> first = start(client, request(LONG_TEXT, 1));
    CompletableFuture<SynthesisStream> second = start(client, request(LONG_TEXT, 2));
    SynthesisStream s1 = first.get(10, TimeUnit.SECONDS);
    SynthesisStream s2 = second.get(10, TimeUnit.SECONDS);
    assertNotEquals(s1.workerId(), s2.workerId(), "one job on each worker");
    assertEquals(0, s1.queuedBehind());
    assertEquals(0, s2.queuedBehind());
    awaitCondition(
        () -> advertised(client, a).active() == 1 && advertised(client, b).active() == 1,
        5_000,
        "both workers run a job");
    on(
        client,
        () -> {
          s1.cancel();
          s2.cancel();
          return null;
        });
  }

  @Test
  void theEntryAddressRoutesByFreeCapacityAndBoundsAdmission() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig().put("max_queue", 0));
    SynthesisWorkerVerticle b = deployWorker(1, workerConfig().put("max_queue", 0));
    SynthesisClient client = client(a, b);
    List<String> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      RawJob job = raw();
      JsonObject accepted =
          job.send(Addresses.SYNTH, rawRequest(LONG_TEXT)).get(10, TimeUnit.SECONDS);
      assertEquals(0, accepted.getInteger("queued"), "started at once on a free worker");
      workers.add(accepted.getString("worker"));
      String id = accepted.getString("worker");
      awaitCondition(
          () ->
              client.directory().live().stream()
                  .anyMatch(w -> w.worker().equals(id) && w.active() == 1),
          5_000,
          "the advertisement shows the job");
    }
    assertEquals(2, workers.stream().distinct().count(), "one job on each worker: " + workers);
    // Every slot taken and no queue anywhere: refused, whichever worker the bus picked.
    for (int i = 0; i < 4; i++) {
      assertEquals("queue_full", failure(raw().send(Addresses.SYNTH, rawRequest("More."))).code());
    }
  }

  @Test
  void aNewWorkerTakesLoadAsSoonAsItAdvertises() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig());
    SynthesisClient client = client(a);
    held(client, LONG_TEXT);
    awaitCondition(() -> advertised(client, a).active() == 1, 5_000, "worker a is busy");
    SynthesisWorkerVerticle b = deployWorker(1, workerConfig());
    long joined = System.nanoTime();
    awaitCondition(() -> advertised(client, b) != null, 5_000, "the new worker is known");
    assertTrue(System.nanoTime() - joined < TimeUnit.SECONDS.toNanos(5));
    SynthesisStream next = start(client, request("Fresh capacity.", 4)).get(10, TimeUnit.SECONDS);
    assertEquals(b.workerId(), next.workerId());
    assertEquals(0, next.queuedBehind());
    assertEquals(null, read(client, next).get(30, TimeUnit.SECONDS).failure());
  }

  @Test
  void aDrainingWorkerFinishesRunningJobsAndHandsQueuedOnesToAnother() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig().put("shutdown_grace_ms", 2_000));
    SynthesisClient client = client(a);
    SynthesisStream running = held(client, DRAIN_TEXT);
    SynthesisStream queued =
        start(client, request("Queued, then moved.", 6)).get(10, TimeUnit.SECONDS);
    assertEquals(1, queued.queuedBehind());
    SynthesisWorkerVerticle b = deployWorker(1, workerConfig());
    awaitCondition(() -> advertised(client, b) != null, 5_000, "worker b is known");
    CompletableFuture<Outcome> queuedOutcome = read(client, queued);
    CompletableFuture<Void> drained = new CompletableFuture<>();
    new Thread(
            () -> {
              try {
                undeploy(a);
                drained.complete(null);
              } catch (Exception e) {
                drained.completeExceptionally(e);
              }
            })
        .start();
    awaitCondition(
        () -> advertised(client, a) == null || advertised(client, a).draining(),
        2_000,
        "worker a advertises draining at once");
    // Only now does the running job's client read on: it finishes within the grace period.
    CompletableFuture<Outcome> runningOutcome = read(client, running);
    Outcome moved = queuedOutcome.get(30, TimeUnit.SECONDS);
    assertEquals(null, moved.failure(), "the queued job was retried on worker b");
    assertEquals(b.workerId(), queued.workerId());
    assertArrayEquals(direct("Queued, then moved.", 6), moved.pcm());
    Outcome finished = runningOutcome.get(30, TimeUnit.SECONDS);
    assertEquals(null, finished.failure(), "the running job finished within the grace period");
    assertArrayEquals(direct(DRAIN_TEXT, 1), finished.pcm());
    drained.get(30, TimeUnit.SECONDS);
  }

  @Test
  void aRunningJobPastTheGracePeriodFailsWithWorkerShutdown() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig().put("shutdown_grace_ms", 300));
    SynthesisClient client = client(a);
    SynthesisStream stream = held(client, LONG_TEXT);
    awaitCondition(() -> stream.chunksReceived() > 0, 10_000, "audio started");
    CompletableFuture<Void> ended = new CompletableFuture<>();
    on(
        client,
        () ->
            stream
                .exceptionHandler(ended::completeExceptionally)
                .endHandler(v -> ended.complete(null)));
    undeploy(a);
    assertEquals("worker_shutdown", failure(ended).code());
  }

  // ---------------------------------------------------------------- liveness

  @Test
  void aWorkerThatDiesBeforeTheFirstChunkIsReplacedByAnother() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig());
    SynthesisClient client = client(a);
    SynthesisStream holder = held(client, LONG_TEXT);
    // Its audio started, so the kill fails it rather than moving it onto the other worker.
    awaitCondition(() -> holder.chunksReceived() > 0, 10_000, "the holder's audio started");
    SynthesisStream waiting =
        start(client, request("Retried elsewhere.", 9)).get(10, TimeUnit.SECONDS);
    assertEquals(a.workerId(), waiting.workerId());
    assertEquals(1, waiting.queuedBehind());
    CompletableFuture<Outcome> outcome = read(client, waiting);
    SynthesisWorkerVerticle b = deployWorker(1, workerConfig());
    awaitCondition(() -> advertised(client, b) != null, 5_000, "worker b is known");
    long killed = System.nanoTime();
    partition.kill(a.workerId());
    Outcome result = outcome.get(30, TimeUnit.SECONDS);
    assertEquals(null, result.failure(), "the client only sees a later first byte");
    assertEquals(b.workerId(), waiting.workerId());
    assertArrayEquals(direct("Retried elsewhere.", 9), result.pcm());
    assertTrue(result.firstChunkNanos() - killed < TimeUnit.SECONDS.toNanos(10));
    awaitCondition(
        () -> advertised(client, a) == null,
        LIVENESS_BOUND_MS,
        "the dead worker leaves the directory");
  }

  @Test
  void aRequestToAWorkerThatDiedUnnoticedIsRetriedOnAnother() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig());
    SynthesisWorkerVerticle b = deployWorker(1, workerConfig());
    SynthesisClient client = client(a, b);
    // b is busy, so a looks like the better choice; a is dead but not yet expired.
    SynthesisStream hold = start(client, request(LONG_TEXT, 1)).get(10, TimeUnit.SECONDS);
    SynthesisWorkerVerticle busy = hold.workerId().equals(b.workerId()) ? b : a;
    SynthesisWorkerVerticle victim = busy == b ? a : b;
    on(client, hold::pause);
    awaitCondition(() -> advertised(client, busy).active() == 1, 5_000, "one worker busy");
    partition.kill(victim.workerId());
    CompletableFuture<SynthesisStream> retried = start(client, request("No answer, next.", 8));
    on(
        client,
        () -> {
          hold.cancel();
          return null;
        });
    SynthesisStream stream = retried.get(15, TimeUnit.SECONDS);
    assertEquals(busy.workerId(), stream.workerId());
    assertArrayEquals(
        direct("No answer, next.", 8), read(client, stream).get(30, TimeUnit.SECONDS).pcm());
  }

  @Test
  void aWorkerThatDiesAfterTheFirstChunkFailsTheStreamWithWorkerLost() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig());
    SynthesisClient client = client(a);
    SynthesisStream stream = held(client, LONG_TEXT);
    awaitCondition(() -> stream.chunksReceived() > 0, 10_000, "the first chunk arrived");
    CompletableFuture<Void> ended = new CompletableFuture<>();
    on(
        client,
        () ->
            stream
                .exceptionHandler(ended::completeExceptionally)
                .endHandler(v -> ended.complete(null)));
    long killed = System.nanoTime();
    partition.kill(a.workerId());
    SynthesisFailure failure = failure(ended);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertEquals("worker_lost", failure.code());
    assertTrue(tookMs < LIVENESS_BOUND_MS, "known lost after " + tookMs + " ms");
    assertTrue(tookMs >= SynthesisProtocol.LIVENESS_TIMEOUT_MS - 1_000, "not before the timeout");
  }

  @Test
  void aWorkerFreesTheSlotOfAClientThatVanished() throws Exception {
    SynthesisWorkerVerticle a = deployWorker(0, workerConfig());
    SynthesisClient client = client(a);
    SynthesisClient observer = newClient(workerNode(0));
    SynthesisStream holder = held(client, LONG_TEXT);
    awaitCondition(() -> holder.chunksReceived() > 0, 10_000, "audio started");
    awaitCondition(
        () -> advertised(observer, a) != null && advertised(observer, a).active() == 1,
        5_000,
        "busy");
    long vanished = System.nanoTime();
    partition.silenceClient();
    awaitCondition(
        () -> advertised(observer, a).active() == 0,
        LIVENESS_BOUND_MS + 1_000,
        "the worker cancels the job of a silent client");
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - vanished);
    assertTrue(tookMs <= LIVENESS_BOUND_MS, "slot freed after " + tookMs + " ms");
  }

  // ---------------------------------------------------------------- versions and encodings

  @Test
  void aClientFromBeforeVersioningStillWorks() throws Exception {
    deployWorker(0, workerConfig());
    RawJob old = raw();
    // No v, no credits (means 1), no chunk_encoding, and no keep-alives ever.
    JsonObject request = new JsonObject().put("text", LONG_TEXT).put("seed", 12);
    JsonObject accepted = old.send(Addresses.SYNTH, request).get(10, TimeUnit.SECONDS);
    assertEquals(SynthesisProtocol.VERSION, accepted.getString("v"));
    assertTrue(old.await(l -> old.chunks().size() == 1, 10_000));
    // Longer than the liveness timeout without a word: an old client is not taken for gone.
    assertTrue(
        old.await(l -> old.count("keepalive") >= 4, 8_000),
        "worker keeps it alive: " + old.types());
    assertEquals(0, old.received.stream().filter(RawJob::isTerminal).count(), "not cancelled");
    old.control(new JsonObject().put("type", "credit").put("n", 1000));
    assertEquals("end", old.terminal(20_000).getString("type"));
  }

  @Test
  void base64ChunksCarryTheSameAudio() throws Exception {
    deployWorker(0, workerConfig());
    String text = "Base sixty four. For bridges that carry JSON only.";
    RawJob job = raw();
    job.send(
            Addresses.SYNTH,
            rawRequest(text).put("seed", 21).put("credits", 1000).put("chunk_encoding", "base64"))
        .get(10, TimeUnit.SECONDS);
    assertEquals("end", job.terminal(20_000).getString("type"));
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    for (RawJob.Received chunk : job.chunks()) {
      assertEquals(null, chunk.chunk(), "no binary chunk");
      pcm.writeBytes(Base64.getDecoder().decode(chunk.json().getString("audio")));
    }
    assertArrayEquals(direct(text, 21), pcm.toByteArray());
  }

  @Test
  void aClientIgnoresWhatANewerServerAdds() throws Exception {
    Vertx node = workerNode(0);
    String address = Addresses.synthWorker("newer-worker");
    JsonObject advert =
        new WorkerInfo(
                "newer-worker",
                "n",
                "supertonic-3",
                List.of("CPU"),
                44_100,
                List.of("en"),
                List.of("F1"),
                1,
                0,
                0,
                4,
                false)
            .toJson()
            .put("v", "1.7")
            .put("gpu_memory_mb", 24_000);
    var consumer =
        node.eventBus()
            .<JsonObject>consumer(
                address,
                m -> {
                  String stream = m.body().getString("stream");
                  m.reply(
                      new JobAccepted(
                              "j", "supertonic.job.none", "newer-worker", "F1", "en", 44_100, 1, 0)
                          .toJson()
                          .put("v", "1.7")
                          .put("priority", "high"));
                  var bus = node.eventBus();
                  bus.send(
                      stream,
                      new JsonObject().put("v", "1.7").put("type", "progress").put("percent", 10));
                  bus.send(
                      stream,
                      Buffer.buffer(new byte[] {1, 0, 2, 0}),
                      new ChunkHeader(0, 1.0, 0.0).toDeliveryOptions().addHeader("model_ms", "3"));
                  bus.send(
                      stream,
                      new StreamMessage.End(EndStats.EMPTY)
                          .toJson()
                          .put("v", "1.7")
                          .put("energy_j", 2.5));
                });
    consumer.completion().await(10, TimeUnit.SECONDS);
    long periodic = node.setPeriodic(300, id -> node.eventBus().publish(Addresses.WORKERS, advert));
    try {
      SynthesisClient client = newClient(clientNode());
      awaitCondition(
          () -> !client.directory().live().isEmpty(), 5_000, "the newer worker is known");
      SynthesisStream stream = start(client, request("Hi.", 1)).get(10, TimeUnit.SECONDS);
      Outcome outcome = read(client, stream).get(10, TimeUnit.SECONDS);
      assertEquals(null, outcome.failure());
      assertArrayEquals(new byte[] {1, 0, 2, 0}, outcome.pcm());
    } finally {
      node.cancelTimer(periodic);
      consumer.unregister().await(5, TimeUnit.SECONDS);
      // The 1.0 schema rightly refuses the newer type; the point here is the client's tolerance.
      schemas.violations().removeIf(v -> v.contains("progress"));
    }
  }
}
