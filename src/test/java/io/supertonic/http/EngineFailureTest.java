package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.bus.SynthesisStream;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.testing.FragileTinyModel;
import io.supertonic.testing.TestServer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine fails in the middle of a job (a real ONNX Runtime error on the second chunk, from the
 * tiny model's fragile vocoder) after the first audio went out: HTTP cuts the chunked response, SSE
 * sends an error event, a bus client gets the typed failure, all with code synthesis_failed, the
 * record says error with the audio that was sent, and the worker's slot is free again.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class EngineFailureTest {
  @TempDir static Path dir;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    FragileTinyModel.writeInto(dir);
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static JsonObject request(String text) {
    return new JsonObject()
        .put("input", text)
        .put("voice", "F2")
        .put("response_format", "pcm")
        .put("seed", 1);
  }

  private static CompletableFuture<JsonObject> nextRecord() throws Exception {
    CompletableFuture<JsonObject> record = new CompletableFuture<>();
    MessageConsumer<JsonObject> consumer =
        server
            .vertx()
            .eventBus()
            .consumer(Addresses.METRICS_RECORD, m -> record.complete(m.body()));
    consumer.completion().await(10, TimeUnit.SECONDS);
    record.whenComplete((r, e) -> consumer.unregister());
    return record;
  }

  /** The slot is free again: a text the fragile model speaks whole comes back complete. */
  private static void assertNextRequestSucceeds() throws Exception {
    HttpResponse<byte[]> next =
        new HttpTestClient(server.baseUrl()).speech(request(FragileTinyModel.SHORT_TEXT));
    assertEquals(200, next.statusCode(), () -> new String(next.body(), StandardCharsets.UTF_8));
    assertTrue(next.body().length > 0);
  }

  @Test
  void theEngineItselfSpeaksTheFirstChunkAndFailsOnTheSecond() {
    var job =
        server.engine().start(new SynthesisParams(FragileTinyModel.TEXT, "F2", "en", 1.05, 4, 1L));
    assertTrue(job.next().pcm().length > 0, "the short first chunk");
    assertTrue(job.hasNext());
    IllegalStateException failed = assertThrows(IllegalStateException.class, job::next);
    assertTrue(failed.getMessage().contains("Inference failed on chunk 1"), failed.getMessage());
  }

  @Test
  void aChunkedResponseIsCutAfterItsFirstAudio() throws Exception {
    CompletableFuture<JsonObject> record = nextRecord();
    HttpResponse<InputStream> response =
        new HttpTestClient(server.baseUrl()).speechStream(request(FragileTinyModel.TEXT));
    assertEquals(200, response.statusCode());
    InputStream in = response.body();
    AtomicLong received = new AtomicLong();
    CompletableFuture<Long> rest =
        CompletableFuture.supplyAsync(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                  received.addAndGet(n);
                }
                return received.get();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    ExecutionException cut =
        assertThrows(ExecutionException.class, () -> rest.get(30, TimeUnit.SECONDS));
    assertInstanceOf(UncheckedIOException.class, cut.getCause(), "not a clean end");
    assertTrue(received.get() > 0, "audio arrived before the cut");
    JsonObject r = record.get(10, TimeUnit.SECONDS);
    assertEquals("error", r.getString("status"), r.encode());
    assertTrue(r.getString("error").startsWith("synthesis_failed"), r.encode());
    assertTrue(r.getDouble("audio_s") > 0, r.encode());
    assertNextRequestSucceeds();
  }

  @Test
  void sseSendsAnErrorEventAfterTheFirstDelta() throws Exception {
    HttpResponse<InputStream> response =
        new HttpTestClient(server.baseUrl())
            .speechStream(request(FragileTinyModel.TEXT).put("stream_format", "sse"));
    assertEquals(200, response.statusCode());
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    CompletableFuture<JsonObject[]> events =
        CompletableFuture.supplyAsync(
            () -> {
              JsonObject firstDelta = null;
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (!line.startsWith("data: ")) {
                    continue;
                  }
                  JsonObject event = new JsonObject(line.substring(6));
                  if ("speech.audio.delta".equals(event.getString("type"))) {
                    if (firstDelta == null) {
                      firstDelta = event;
                    }
                  } else {
                    return new JsonObject[] {firstDelta, event};
                  }
                }
                return new JsonObject[] {firstDelta, null};
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    JsonObject[] seen = events.get(30, TimeUnit.SECONDS);
    assertTrue(seen[0] != null, "a delta before the error");
    JsonObject error = seen[1];
    assertTrue(error != null, "the stream ended without a terminal event");
    assertEquals("error", error.getString("type"), error.encode());
    assertEquals("synthesis_failed", error.getJsonObject("error").getString("code"));
    assertNextRequestSucceeds();
  }

  @Test
  void aBusClientGetsTheTypedFailureAfterItsFirstChunk() throws Exception {
    SynthesisClient client = new SynthesisClient(server.vertx());
    try {
      CompletableFuture<Throwable> failure = new CompletableFuture<>();
      AtomicLong chunks = new AtomicLong();
      client
          .context()
          .runOnContext(
              v ->
                  client
                      .start(
                          new SynthesisRequest(
                              "fragile", FragileTinyModel.TEXT, "F2", "en", null, null, 1L),
                          2)
                      .onFailure(failure::complete)
                      .onSuccess(
                          (SynthesisStream stream) ->
                              stream
                                  .exceptionHandler(failure::complete)
                                  .endHandler(
                                      x ->
                                          failure.completeExceptionally(
                                              new AssertionError("a clean end")))
                                  .handler(chunk -> chunks.incrementAndGet())));
      Throwable err = failure.get(30, TimeUnit.SECONDS);
      SynthesisFailure typed = assertInstanceOf(SynthesisFailure.class, err);
      assertEquals("synthesis_failed", typed.code(), typed.getMessage());
      assertEquals(500, typed.status());
      assertTrue(chunks.get() >= 1, "the first chunk arrived before the failure");
    } finally {
      client.close().await(10, TimeUnit.SECONDS);
    }
    assertNextRequestSucceeds();
  }
}
