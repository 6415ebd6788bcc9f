package io.supertonic.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.Signals;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.bus.SynthesisStream;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.tiny.TinyModelWriter;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker runs chunks, not requests: the order of chunk events seen on the bus under each
 * scheduler, and batched streams' audio against the same requests synthesized alone.
 */
class ChunkSchedulingTest {
  @TempDir static Path tmp;
  static SupertonicEngine engine;

  private Vertx vertx;
  private SynthesisClient client;

  /** Many sentences: a stream with many chunks, still running when a second stream arrives. */
  private static final String LONG_TEXT =
      String.join(
          " ",
          Collections.nCopies(
              40, "The quick brown fox jumps over the lazy dog near the quiet river bank."));

  @BeforeAll
  static void load() throws Exception {
    engine = SupertonicEngine.load(EngineOptions.cpu(TinyModelWriter.write(tmp.resolve("model"))));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @AfterEach
  void stop() throws Exception {
    if (vertx != null) {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void deadlineRunsANewStreamsFirstChunkAheadOfABufferedStream() throws Exception {
    List<String> events = twoStreams("deadline");
    int firstB = events.indexOf("B");
    assertTrue(firstB >= 0, "B sent audio: " + events);
    assertTrue(
        events.subList(firstB, events.size()).contains("A"),
        "B's first chunk came before A's last chunk: " + events);
  }

  @Test
  void fifoRunsEachRequestToItsEndBeforeTheNext() throws Exception {
    List<String> events = twoStreams("fifo");
    int firstB = events.indexOf("B");
    assertTrue(firstB >= 0, "B sent audio: " + events);
    assertTrue(
        !events.subList(firstB, events.size()).contains("A"),
        "every chunk of A came before B's first: " + events);
  }

  @Test
  void fifoSkipsAStreamWhoseClientStoppedReading() throws Exception {
    deploy(
        new JsonObject().put("max_concurrent", 2).put("scheduler", "fifo").put("total_steps", 2));
    CompletableFuture<SynthesisStream> older = new CompletableFuture<>();
    vertx.runOnContext(
        v ->
            client
                .start(new SynthesisRequest("a", LONG_TEXT, "F1", "en", 1.0, 2, 1L), 1)
                .onSuccess(stream -> older.complete(stream.pause()))
                .onFailure(older::completeExceptionally));
    SynthesisStream held = older.get(30, TimeUnit.SECONDS);
    CompletableFuture<byte[]> b = new CompletableFuture<>();
    vertx.runOnContext(
        v -> read(new SynthesisRequest("b", "Hello there.", "M1", "en", 1.0, 2, 2L), b, c -> {}));
    assertTrue(b.get(60, TimeUnit.SECONDS).length > 0, "the younger stream ran to its end");
    assertTrue(!held.isTerminated(), "the older stream waits for its reader, not cancelled");
  }

  @Test
  void batchedConcurrentStreamsGiveTheSameAudioAsAlone() throws Exception {
    deploy(new JsonObject().put("max_concurrent", 2).put("max_batch", 4).put("total_steps", 4));
    SynthesisRequest first = new SynthesisRequest("a", LONG_TEXT, "F1", "en", 1.0, 4, 11L);
    SynthesisRequest second =
        new SynthesisRequest(
            "b",
            "Hello there. A second stream, batched with the first one.",
            "M2",
            "en",
            1.2,
            4,
            12L);
    CompletableFuture<byte[]> a = new CompletableFuture<>();
    CompletableFuture<byte[]> b = new CompletableFuture<>();
    vertx.runOnContext(
        v -> {
          read(first, a, chunk -> {});
          read(second, b, chunk -> {});
        });
    assertPcmClose(alone(first), a.get(60, TimeUnit.SECONDS));
    assertPcmClose(alone(second), b.get(60, TimeUnit.SECONDS));
  }

  @Test
  void deadlineSlicesGiveTheSameAudioAsAlone() throws Exception {
    // Chunks stopped between denoising steps for newcomers and resumed later, batched or not.
    for (int maxBatch : new int[] {1, 3}) {
      deploy(
          new JsonObject()
              .put("max_concurrent", 3)
              .put("scheduler", "deadline")
              .put("max_batch", maxBatch)
              .put("total_steps", 8));
      SynthesisRequest longOne = new SynthesisRequest("a", LONG_TEXT, "F1", "en", 1.0, 8, 21L);
      SynthesisRequest second =
          new SynthesisRequest("b", "Hello there. A second stream.", "M2", "en", 1.2, 8, 22L);
      SynthesisRequest third =
          new SynthesisRequest("c", "And a third one, with a longer sentence.", "F2", "en", 0.9,
              8, 23L);
      CompletableFuture<byte[]> a = new CompletableFuture<>();
      CompletableFuture<byte[]> b = new CompletableFuture<>();
      CompletableFuture<byte[]> c = new CompletableFuture<>();
      List<String> events = Collections.synchronizedList(new ArrayList<>());
      vertx.runOnContext(
          v ->
              read(
                  longOne,
                  a,
                  chunk -> {
                    events.add("A");
                    if (events.size() == 1) {
                      read(second, b, x -> events.add("B"));
                      read(third, c, x -> events.add("C"));
                    }
                  }));
      assertPcmClose(alone(longOne), a.get(60, TimeUnit.SECONDS));
      assertPcmClose(alone(second), b.get(60, TimeUnit.SECONDS));
      assertPcmClose(alone(third), c.get(60, TimeUnit.SECONDS));
      int lastA = events.lastIndexOf("A");
      assertTrue(
          events.indexOf("B") < lastA && events.indexOf("C") < lastA,
          "the newcomers started while A still had chunks to come (batch " + maxBatch + "): "
              + events);
      stop();
      vertx = null;
    }
  }

  /**
   * A starts (long), and once its first chunk arrived (its client has audio buffered) B starts: the
   * order of both streams' chunk events, "A" or "B" each.
   */
  private List<String> twoStreams(String scheduler) throws Exception {
    deploy(
        new JsonObject()
            .put("max_concurrent", 2)
            .put("scheduler", scheduler)
            .put("total_steps", 2));
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<byte[]> a = new CompletableFuture<>();
    CompletableFuture<byte[]> b = new CompletableFuture<>();
    SynthesisRequest longOne = new SynthesisRequest("a", LONG_TEXT, "F1", "en", 1.0, 2, 1L);
    SynthesisRequest shortOne = new SynthesisRequest("b", "Hello there.", "M1", "en", 1.0, 2, 2L);
    vertx.runOnContext(
        v ->
            read(
                longOne,
                a,
                chunk -> {
                  events.add("A");
                  if (events.size() == 1) {
                    read(shortOne, b, c -> events.add("B"));
                  }
                }));
    a.get(60, TimeUnit.SECONDS);
    b.get(60, TimeUnit.SECONDS);
    assertTrue(events.stream().filter("A"::equals).count() > 3, "A has many chunks: " + events);
    return List.copyOf(events);
  }

  private void deploy(JsonObject config) throws Exception {
    vertx = Vertx.vertx();
    SynthesisWorkerVerticle worker = new SynthesisWorkerVerticle(engine);
    vertx
        .deployVerticle(worker, new DeploymentOptions().setConfig(config.put("max_queue", 4)))
        .await(30, TimeUnit.SECONDS);
    client = new SynthesisClient(vertx);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (client.directory().live().stream()
        .noneMatch(i -> i.worker().equals(worker.workerId()))) {
      assertTrue(System.nanoTime() < deadline, "the directory lists the worker");
      Thread.sleep(20);
    }
  }

  /** Starts a stream with room for several chunks and reads it to its end. */
  private void read(
      SynthesisRequest request,
      CompletableFuture<byte[]> done,
      java.util.function.Consumer<byte[]> onChunk) {
    client
        .start(request, 8)
        .onFailure(done::completeExceptionally)
        .onSuccess(
            (SynthesisStream stream) -> {
              ByteArrayOutputStream pcm = new ByteArrayOutputStream();
              stream
                  .exceptionHandler(done::completeExceptionally)
                  .endHandler(v -> done.complete(pcm.toByteArray()))
                  .handler(
                      chunk -> {
                        pcm.writeBytes(chunk.getBytes());
                        onChunk.accept(chunk.getBytes());
                      })
                  .resume();
            });
  }

  private static short[] alone(SynthesisRequest r) {
    SynthesisJob job =
        engine.start(
            new SynthesisParams(
                r.text(), r.voice(), r.lang(), r.speed(), r.totalSteps(), r.seed()));
    List<short[]> parts = new ArrayList<>();
    while (job.hasNext()) {
      parts.add(job.next().pcm());
    }
    return Signals.concat(parts.toArray(short[][]::new));
  }

  private static void assertPcmClose(short[] expected, byte[] actualBytes) {
    short[] actual = new short[actualBytes.length / 2];
    ByteBuffer.wrap(actualBytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(actual);
    assertEquals(expected.length, actual.length, "sample count");
    int worst = 0;
    for (int i = 0; i < actual.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(worst <= 1, "samples differ by " + worst + " LSB");
  }
}
