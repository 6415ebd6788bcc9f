package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.Partition;
import io.supertonic.testing.TestServer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker that dies in the middle of a stream (as the gateway sees it: nothing more arrives) is a
 * visible error within 5 s: the chunked response is cut without its terminating chunk, SSE gets an
 * error event, and the request record says error.
 */
class WorkerLossTest {
  @TempDir Path dir;
  private TestServer server;
  private final Partition partition = new Partition();

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
    partition.install(server.vertx());
  }

  @AfterEach
  void stop() throws Exception {
    partition.uninstall(server.vertx());
    server.close();
  }

  private String workerId() {
    return server
        .vertx()
        .eventBus()
        .<JsonObject>request(Addresses.WORKER_PING, null)
        .toCompletionStage()
        .toCompletableFuture()
        .join()
        .body()
        .getString("worker");
  }

  private CompletableFuture<JsonObject> nextRecord() throws Exception {
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

  @Test
  void aChunkedResponseIsCutWithoutItsLastChunkWhenTheWorkerDies() throws Exception {
    HttpTestClient http = new HttpTestClient(server.baseUrl());
    CompletableFuture<JsonObject> record = nextRecord();
    HttpResponse<InputStream> response = http.speechStream(StreamingBehaviourTest.longPcmRequest());
    assertEquals(200, response.statusCode());
    InputStream in = response.body();
    assertEquals(4096, in.readNBytes(4096).length);
    long killed = System.nanoTime();
    partition.kill(workerId());
    CompletableFuture<Long> rest =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return in.transferTo(java.io.OutputStream.nullOutputStream());
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    ExecutionException cut =
        org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> rest.get(15, TimeUnit.SECONDS));
    assertInstanceOf(java.io.UncheckedIOException.class, cut.getCause(), "not a clean end");
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertTrue(tookMs < 5_000, "cut after " + tookMs + " ms");
    JsonObject r = record.get(10, TimeUnit.SECONDS);
    assertEquals("error", r.getString("status"));
    assertTrue(r.getString("error").startsWith("worker_lost"), r.encode());
    // The client held audio before the cut; the record says how much, not 0.
    assertTrue(r.getLong("bytes") >= 4096, r.encode());
    assertTrue(r.getDouble("audio_s") > 0, r.encode());
  }

  @Test
  void sseGetsAnErrorEventWhenTheWorkerDies() throws Exception {
    HttpTestClient http = new HttpTestClient(server.baseUrl());
    CompletableFuture<JsonObject> record = nextRecord();
    HttpResponse<InputStream> response =
        http.speechStream(StreamingBehaviourTest.longPcmRequest().put("stream_format", "sse"));
    assertEquals(200, response.statusCode());
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    String first = lines.readLine();
    assertTrue(first.startsWith("data: "), first);
    long killed = System.nanoTime();
    partition.kill(workerId());
    CompletableFuture<JsonObject> error =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.startsWith("data: ")) {
                    JsonObject event = new JsonObject(line.substring(6));
                    if (!"speech.audio.delta".equals(event.getString("type"))) {
                      return event;
                    }
                  }
                }
                return null;
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    JsonObject event = error.get(15, TimeUnit.SECONDS);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertEquals("error", event.getString("type"), event.encode());
    assertEquals("worker_lost", event.getJsonObject("error").getString("code"));
    assertTrue(tookMs < 5_000, "error event after " + tookMs + " ms");
    JsonObject r = record.get(10, TimeUnit.SECONDS);
    assertEquals("error", r.getString("status"), r.encode());
    assertTrue(r.getDouble("audio_s") > 0, r.encode());
  }

  @Test
  void readyzTurnsUnreadyWithinFiveSecondsOfTheLastWorkerGoingSilent() throws Exception {
    HttpTestClient http = new HttpTestClient(server.baseUrl());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<String> ready = http.get("/readyz");
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      ready = http.get("/readyz");
    }
    assertEquals(200, ready.statusCode(), ready.body());
    JsonObject health = HttpTestClient.json(http.get("/healthz"));
    String worker = workerId();
    JsonObject listed = health.getJsonArray("workers").getJsonObject(0);
    assertEquals(worker, listed.getString("worker"));
    assertEquals("ready", listed.getString("state"));
    assertEquals(1, listed.getInteger("max_concurrent"));

    long killed = System.nanoTime();
    partition.kill(worker);
    HttpResponse<String> unready = http.get("/readyz");
    while (unready.statusCode() == 200
        && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(10)) {
      Thread.sleep(50);
      unready = http.get("/readyz");
    }
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
    assertEquals(503, unready.statusCode(), unready.body());
    assertTrue(tookMs < 5_000, "unready after " + tookMs + " ms");
    assertEquals(0, HttpTestClient.json(http.get("/healthz")).getJsonArray("workers").size());
  }
}
