package io.supertonic.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client that speaks the protocol by hand, as a non-Java client would: it sends the request JSON,
 * records every message in order and sends control messages only when told. Lets the conformance
 * tests see exactly what a worker sends.
 */
final class RawJob {
  /** A received message: a binary chunk (with its seq) or a JSON message. */
  record Received(Buffer chunk, int seq, JsonObject json, long nanos) {
    boolean isChunk() {
      return chunk != null || (json != null && "chunk".equals(json.getString("type")));
    }

    String type() {
      return chunk != null ? "chunk" : json.getString("type");
    }
  }

  final String stream = Addresses.STREAM_PREFIX + "raw-" + UUID.randomUUID();
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Vertx vertx;
  private final Context context;
  private final Object signal = new Object();
  private MessageConsumer<Object> consumer;
  private long keepAlive = -1;
  JsonObject accepted;

  RawJob(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  /**
   * Registers the stream address and sends {@code request} (the stream field is added) to {@code
   * address}; completes with the accept reply or fails with the reply failure.
   */
  CompletableFuture<JsonObject> send(String address, JsonObject request) {
    CompletableFuture<JsonObject> reply = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          consumer =
              vertx
                  .eventBus()
                  .consumer(
                      stream,
                      m -> {
                        Object body = m.body();
                        Received r =
                            body instanceof Buffer b
                                ? new Received(
                                    b,
                                    Integer.parseInt(m.headers().get("seq")),
                                    null,
                                    System.nanoTime())
                                : new Received(null, -1, (JsonObject) body, System.nanoTime());
                        received.add(r);
                        synchronized (signal) {
                          signal.notifyAll();
                        }
                      });
          consumer
              .completion()
              .compose(
                  x ->
                      vertx
                          .eventBus()
                          .<JsonObject>request(
                              address,
                              request.copy().put("stream", stream),
                              new DeliveryOptions().setSendTimeout(10_000)))
              .onSuccess(
                  m -> {
                    accepted = m.body();
                    if (request.getString("v") != null) {
                      // A current client keeps its job alive, as the protocol asks.
                      keepAlive =
                          vertx.setPeriodic(
                              SynthesisProtocol.KEEPALIVE_INTERVAL_MS,
                              t -> control(new ControlMessage.KeepAlive()));
                    }
                    reply.complete(m.body());
                  })
              .onFailure(reply::completeExceptionally);
        });
    return reply;
  }

  void control(ControlMessage message) {
    control(message.toJson());
  }

  void control(JsonObject message) {
    vertx.eventBus().send(accepted.getString("control"), message);
  }

  List<Received> chunks() {
    return received.stream().filter(Received::isChunk).toList();
  }

  long count(String type) {
    return received.stream().filter(r -> type.equals(r.type())).count();
  }

  /** Waits until {@code condition} holds over the received messages; false on timeout. */
  boolean await(Predicate<List<Received>> condition, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (signal) {
      while (!condition.test(received)) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        signal.wait(left);
      }
    }
    return true;
  }

  /** The terminal message, waiting for it up to the timeout. */
  JsonObject terminal(long timeoutMs) throws InterruptedException {
    await(list -> list.stream().anyMatch(RawJob::isTerminal), timeoutMs);
    return received.stream()
        .filter(RawJob::isTerminal)
        .map(Received::json)
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError("no terminal message within " + timeoutMs + " ms: " + types()));
  }

  static boolean isTerminal(Received r) {
    return r.json() != null
        && List.of("end", "cancelled", "error", "stalled").contains(r.json().getString("type"));
  }

  List<String> types() {
    return received.stream().map(Received::type).toList();
  }

  Future<Void> close() {
    if (keepAlive >= 0) {
      vertx.cancelTimer(keepAlive);
    }
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }
}
