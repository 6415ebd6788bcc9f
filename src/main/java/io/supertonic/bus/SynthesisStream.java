package io.supertonic.bus;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Audio of one accepted synthesis, arriving chunk by chunk. The consumer must call {@link #ack()}
 * once per chunk after writing it out; that is what lets the worker make more (see {@link
 * SynthesisProtocol}). Exactly one of the end, cancelled or exception handlers is called, once.
 */
public final class SynthesisStream {
  private final Vertx vertx;
  private final MessageConsumer<Object> consumer;
  private final long inactivityTimeoutMs;
  private final Deque<Message<Object>> pending = new ArrayDeque<>();

  private Handler<Buffer> chunkHandler;
  private Handler<JsonObject> endHandler;
  private Handler<Void> cancelledHandler;
  private Handler<Throwable> exceptionHandler;
  private JsonObject acceptance = new JsonObject();
  private String controlAddress;
  private boolean terminated;
  private long timerId = -1;
  private ChunkTiming firstChunkTiming;

  SynthesisStream(Vertx vertx, MessageConsumer<Object> consumer, long inactivityTimeoutMs) {
    this.vertx = vertx;
    this.consumer = consumer;
    this.inactivityTimeoutMs = inactivityTimeoutMs;
    consumer.handler(this::onMessage);
  }

  SynthesisStream accepted(JsonObject reply) {
    this.acceptance = reply;
    this.controlAddress = reply.getString("control");
    armTimer();
    return this;
  }

  /** Releases the stream address when the request never got accepted. */
  void discard() {
    terminated = true;
    consumer.unregister();
  }

  public String jobId() {
    return acceptance.getString("job");
  }

  public String voice() {
    return acceptance.getString("voice");
  }

  public String lang() {
    return acceptance.getString("lang");
  }

  public int sampleRate() {
    return acceptance.getInteger("sample_rate", 0);
  }

  public long seed() {
    return acceptance.getLong("seed", 0L);
  }

  /** Requests waiting ahead of this one when it was accepted (0 = started at once). */
  public int queuedBehind() {
    return acceptance.getInteger("queued", 0);
  }

  public SynthesisStream handler(Handler<Buffer> handler) {
    this.chunkHandler = handler;
    drainPending();
    return this;
  }

  public SynthesisStream endHandler(Handler<JsonObject> handler) {
    this.endHandler = handler;
    drainPending();
    return this;
  }

  public SynthesisStream cancelledHandler(Handler<Void> handler) {
    this.cancelledHandler = handler;
    drainPending();
    return this;
  }

  public SynthesisStream exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    drainPending();
    return this;
  }

  /** Grants the worker one more chunk. */
  public void ack() {
    if (!terminated) {
      vertx
          .eventBus()
          .send(
              controlAddress,
              new JsonObject().put("type", SynthesisProtocol.TYPE_CREDIT).put("n", 1));
    }
  }

  /** Stops the synthesis at the next chunk boundary; the cancelled handler follows. */
  public void cancel() {
    if (!terminated && controlAddress != null) {
      vertx
          .eventBus()
          .send(controlAddress, new JsonObject().put("type", SynthesisProtocol.TYPE_CANCEL));
    }
  }

  public boolean isTerminated() {
    return terminated;
  }

  private void onMessage(Message<Object> message) {
    pending.add(message);
    drainPending();
  }

  private void drainPending() {
    // Hold messages until the transport has installed its handlers (they arrive on the same
    // context).
    if (chunkHandler == null || endHandler == null || exceptionHandler == null) {
      return;
    }
    Message<Object> message;
    while (!terminated && (message = pending.poll()) != null) {
      armTimer();
      dispatch(message);
    }
  }

  private void dispatch(Message<Object> message) {
    Object body = message.body();
    if (body instanceof Buffer chunk) {
      if (firstChunkTiming == null) {
        firstChunkTiming =
            new ChunkTiming(
                parseMillis(message.headers().get(SynthesisProtocol.HEADER_QUEUE_MS)),
                parseMillis(message.headers().get(SynthesisProtocol.HEADER_SYNTH_MS)));
      }
      chunkHandler.handle(chunk);
      return;
    }
    JsonObject json = body instanceof JsonObject j ? j : new JsonObject();
    String type = json.getString("type", "");
    switch (type) {
      case SynthesisProtocol.TYPE_QUEUED -> {
        // Progress while waiting: the inactivity timer was re-armed on arrival, nothing else to do.
      }
      case SynthesisProtocol.TYPE_END ->
          terminate(() -> endHandler.handle(json.getJsonObject("stats", new JsonObject())));
      case SynthesisProtocol.TYPE_CANCELLED ->
          terminate(
              () -> {
                if (cancelledHandler != null) {
                  cancelledHandler.handle(null);
                }
              });
      default ->
          terminate(
              () ->
                  exceptionHandler.handle(
                      new SynthesisRejectedException(
                          json.getInteger("status", 500),
                          json.getString("message", "synthesis failed"),
                          null,
                          json.getString("code", "synthesis_failed"))));
    }
  }

  /** Worker-side timing of the first chunk: queue wait and synthesis; null before it arrives. */
  public ChunkTiming firstChunkTiming() {
    return firstChunkTiming;
  }

  /**
   * Milliseconds the first chunk waited in the worker's queue and spent being synthesized (-1 if
   * unknown).
   */
  public record ChunkTiming(double queueMs, double synthMs) {}

  private static double parseMillis(String value) {
    try {
      return value == null ? -1 : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void terminate(Runnable notify) {
    terminated = true;
    cancelTimer();
    consumer.unregister();
    notify.run();
  }

  private void armTimer() {
    cancelTimer();
    if (!terminated && inactivityTimeoutMs > 0) {
      timerId =
          vertx.setTimer(
              inactivityTimeoutMs,
              id -> {
                if (!terminated) {
                  cancel();
                  terminate(
                      () ->
                          exceptionHandler.handle(
                              new SynthesisRejectedException(
                                  503,
                                  "The synthesis worker stopped responding",
                                  null,
                                  "worker_timeout")));
                }
              });
    }
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }
}
