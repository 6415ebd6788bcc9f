package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.bus.Addresses;
import io.supertonic.testing.TestServer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming is real: audio leaves before synthesis ends, a client that stops reading holds
 * synthesis back, a client that leaves frees the worker, and a full queue is refused with 503.
 */
class StreamingBehaviourTest {
  @TempDir Path dir;

  /** Many sentences: many chunks, far more audio than socket buffers hold. */
  static String longText() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      text.append("This is sentence number ").append(i).append(" of a long story. ");
    }
    return text.toString();
  }

  static JsonObject longPcmRequest() {
    return new JsonObject()
        .put("input", longText())
        .put("voice", "F2")
        .put("response_format", "pcm")
        .put("seed", 1);
  }

  static JsonObject workerState(TestServer server) throws Exception {
    return server
        .vertx()
        .eventBus()
        .<JsonObject>request(Addresses.WORKER_PING, null)
        .await(10, TimeUnit.SECONDS)
        .body();
  }

  static CompletableFuture<JsonObject> nextRecord(TestServer server, String status)
      throws Exception {
    CompletableFuture<JsonObject> record = new CompletableFuture<>();
    MessageConsumer<JsonObject> consumer =
        server
            .vertx()
            .eventBus()
            .consumer(
                Addresses.METRICS_RECORD,
                m -> {
                  if (status.equals(m.body().getString("status"))) {
                    record.complete(m.body());
                  }
                });
    consumer.completion().await(10, TimeUnit.SECONDS);
    record.whenComplete((r, e) -> consumer.unregister());
    return record;
  }

  @Test
  void firstAudioArrivesWhileTheRestIsStillBeingSynthesized() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      CompletableFuture<JsonObject> done = nextRecord(server, "ok");
      HttpResponse<InputStream> response = http.speechStream(longPcmRequest());
      assertEquals(200, response.statusCode());
      try (InputStream in = response.body()) {
        byte[] first = in.readNBytes(4096);
        assertEquals(4096, first.length);
        // We hold the rest unread: flow control keeps the synthesis from finishing behind our back.
        assertEquals(1, workerState(server).getInteger("running"), "synthesis still in progress");
        long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
        JsonObject record = done.get(30, TimeUnit.SECONDS);
        assertEquals(first.length + rest, record.getLong("bytes"));
        assertTrue(record.getDouble("ttfb_ms") <= record.getDouble("total_ms"));
      }
      assertEquals(0, workerState(server).getInteger("running"));
    }
  }

  @Test
  void aClientThatLeavesFreesTheWorker() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      CompletableFuture<JsonObject> cancelled = nextRecord(server, "cancelled");
      HttpResponse<InputStream> response = http.speechStream(longPcmRequest());
      InputStream in = response.body();
      assertEquals(4096, in.readNBytes(4096).length);
      in.close();
      JsonObject record = cancelled.get(30, TimeUnit.SECONDS);
      assertEquals("http", record.getString("transport"));
      HttpResponse<byte[]> next =
          http.speech(new JsonObject().put("input", "Next please.").put("response_format", "pcm"));
      assertEquals(200, next.statusCode());
      assertEquals(0, workerState(server).getInteger("running"));
    }
  }

  @Test
  void aFullQueueIsRefusedWith503AndRetryAfter() throws Exception {
    try (TestServer server = TestServer.start(dir, new JsonObject().put("max_queue", 0))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      HttpResponse<InputStream> holder = http.speechStream(longPcmRequest());
      try (InputStream in = holder.body()) {
        assertEquals(4096, in.readNBytes(4096).length);
        HttpResponse<byte[]> refused =
            http.speech(new JsonObject().put("input", "Me too.").put("response_format", "wav"));
        assertEquals(503, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        JsonObject error = HttpTestClient.json(refused).getJsonObject("error");
        assertEquals("queue_full", error.getString("code"));
        assertTrue(error.getString("message").contains("busy"));
      }
    }
  }

  @Test
  void maxConcurrentBoundsRunningJobsAndTheQueueHoldsTheRest() throws Exception {
    try (TestServer server =
        TestServer.start(dir, new JsonObject().put("max_concurrent", 2).put("max_queue", 1))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      InputStream first = http.speechStream(longPcmRequest()).body();
      InputStream second = http.speechStream(longPcmRequest()).body();
      assertEquals(4096, first.readNBytes(4096).length);
      assertEquals(4096, second.readNBytes(4096).length);
      assertEquals(2, workerState(server).getInteger("running"));

      // The third waits in the queue: its response cannot start until a slot frees up.
      CompletableFuture<HttpResponse<byte[]>> third =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return http.speech(
                      new JsonObject()
                          .put("input", "Waiting my turn.")
                          .put("response_format", "pcm"));
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      JsonObject state = workerState(server);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (state.getInteger("queued") == 0 && System.nanoTime() < deadline) {
        // The request is on its way through HTTP and the bus; ask again until the worker has it.
        state = workerState(server);
      }
      assertEquals(1, state.getInteger("queued"));
      assertEquals(2, state.getInteger("running"));
      JsonObject summary =
          server
              .vertx()
              .eventBus()
              .<JsonObject>request(io.supertonic.bus.Addresses.METRICS_SUMMARY, null)
              .await(10, TimeUnit.SECONDS)
              .body();
      assertEquals(1, summary.getInteger("queued"), summary.encode());
      assertEquals(503, http.speech(new JsonObject().put("input", "One too many.")).statusCode());

      first.close();
      HttpResponse<byte[]> served = third.get(30, TimeUnit.SECONDS);
      assertEquals(200, served.statusCode());
      assertTrue(served.body().length > 0);
      second.close();
    }
  }
}
