package io.supertonic.bus;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The audio of one admitted synthesis as a {@link ReadStream} of little-endian int16 mono PCM
 * chunks, so it can be piped with backpressure: demand maps to credits. At most {@code credits}
 * chunks are ever in flight or buffered here; each chunk handed to the handler gives the worker one
 * credit back, so a paused stream (a full HTTP response or socket) holds synthesis back instead of
 * growing a buffer.
 *
 * <p>Outcomes: the end handler when all audio arrived (then {@link #stats()}); otherwise the
 * exception handler with a {@link SynthesisFailure}: its code is {@code cancelled}, {@code
 * stalled}, {@code worker_lost} (the worker went silent for {@value
 * SynthesisProtocol#LIVENESS_TIMEOUT_MS} ms after the audio started) or the worker's error. A
 * failure ends the stream at once, dropping buffered chunks. When piping, use {@code
 * pipe().endOnFailure(false)} so a failed stream never ends its destination like a complete one.
 *
 * <p>Everything happens on the client's context; a method called from another thread (a {@code
 * main} method, say) is handed over to it, in call order.
 */
public final class SynthesisStream implements ReadStream<Buffer> {
  private static final long TICK_MS = 250;

  private final SynthesisClient client;
  private final Vertx vertx;
  private final io.vertx.core.Context context;
  private final SynthesisRequest request;
  private final int credits;
  private final Set<String> triedWorkers = new HashSet<>();
  private final Deque<Buffer> pending = new ArrayDeque<>();
  private final Deque<ChunkHeader> pendingHeaders = new ArrayDeque<>();

  /** The header of the chunk being handed to the handler. */
  private ChunkHeader currentChunk;
  private final Promise<EndStats> outcome = Promise.promise();
  private int attemptsLeft = 1 + SynthesisProtocol.MAX_RETRIES;

  private Attempt attempt;
  private long demand = Long.MAX_VALUE;
  private Handler<Buffer> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private int chunksReceived;
  private ChunkTiming firstChunkTiming;
  private EndStats stats;
  private boolean endReceived;
  private boolean terminated;
  private boolean outcomeDelivered;
  private SynthesisFailure failure;
  private boolean cancelRequested;
  private int ahead;
  private long lastHeardNanos;
  private long lastSentNanos;
  private long ticker = -1;
  private long lastTickNanos = System.nanoTime();

  /** One request to one worker; a retry is a new attempt with a new stream address. */
  private final class Attempt {
    final String workerId;
    final String streamAddress = Addresses.STREAM_PREFIX + UUID.randomUUID();
    MessageConsumer<Object> consumer;
    JobAccepted accepted;

    Attempt(String workerId) {
      this.workerId = workerId;
    }
  }

  SynthesisStream(SynthesisClient client, SynthesisRequest request, int credits) {
    this.client = client;
    this.vertx = client.vertx();
    this.context = client.context();
    this.request = request;
    this.credits = credits;
  }

  Future<SynthesisStream> open() {
    return attempt(null)
        .map(
            accepted -> {
              ticker = vertx.setPeriodic(TICK_MS, id -> tick());
              return this;
            });
  }

  /**
   * Sends the request to the best worker not tried yet; on a worker that does not answer, is gone
   * or is full, tries the next one while attempts remain.
   */
  private Future<JobAccepted> attempt(SynthesisFailure previous) {
    attemptsLeft--;
    Optional<WorkerInfo> pick = client.directory().pick(client.model(), triedWorkers);
    if (pick.isEmpty() && !triedWorkers.isEmpty()) {
      // A retry with no other live worker: the entry address could only reach the one that failed,
      // so the previous failure stands.
      attempt = null;
      return Future.failedFuture(previous);
    }
    Attempt next = new Attempt(pick.map(WorkerInfo::worker).orElse(null));
    pick.ifPresent(w -> triedWorkers.add(w.worker()));
    String address = pick.map(WorkerInfo::address).orElse(Addresses.SYNTH);
    attempt = next;
    next.consumer = vertx.eventBus().consumer(next.streamAddress, m -> onMessage(next, m));
    JsonObject body =
        new JobRequest(
                request, next.streamAddress, credits, SynthesisProtocol.CHUNK_ENCODING_BINARY)
            .toJson();
    lastHeardNanos = System.nanoTime();
    // Wait for the registration so a worker on another node can already reach the stream address.
    return next.consumer
        .completion()
        .compose(
            v ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        address,
                        body,
                        new DeliveryOptions()
                            .setSendTimeout(SynthesisProtocol.LIVENESS_TIMEOUT_MS)))
        .map(
            reply -> {
              next.accepted = JobAccepted.fromJson(reply.body());
              ahead = Math.max(0, next.accepted.queued() - 1);
              lastHeardNanos = System.nanoTime();
              return next.accepted;
            })
        .recover(
            err -> {
              next.consumer.unregister();
              SynthesisFailure failed = SynthesisClient.toFailure(err, pick.isPresent());
              boolean workerProblem =
                  failed.is(ErrorCode.WORKER_LOST) || failed.is(ErrorCode.WORKER_SHUTDOWN);
              if (workerProblem && next.workerId != null) {
                client.directory().forget(next.workerId);
              }
              boolean elsewhere =
                  workerProblem || (failed.is(ErrorCode.QUEUE_FULL) && pick.isPresent());
              if (elsewhere && attemptsLeft > 0 && !cancelRequested) {
                return attempt(failed);
              }
              attempt = null;
              return Future.failedFuture(failed);
            });
  }

  private void onMessage(Attempt from, Message<Object> message) {
    if (from != attempt || terminated) {
      return;
    }
    lastHeardNanos = System.nanoTime();
    Object body = message.body();
    if (body instanceof Buffer chunk) {
      onChunk(ChunkHeader.fromHeaders(message.headers()), chunk);
    } else if (body instanceof JsonObject json) {
      StreamMessage.fromJson(json).ifPresent(this::onStreamMessage);
    }
  }

  private void onStreamMessage(StreamMessage message) {
    if (message instanceof StreamMessage.Chunk chunk) {
      onChunk(chunk.header(), Buffer.buffer(chunk.pcm()));
    } else if (message instanceof StreamMessage.Queued queued) {
      ahead = queued.ahead();
    } else if (message instanceof StreamMessage.End end) {
      stats = end.stats();
      endReceived = true;
      drain();
    } else if (message instanceof StreamMessage.Cancelled cancelled) {
      fail(
          new SynthesisFailure(
              ErrorCode.CANCELLED, "synthesis cancelled (" + cancelled.reason() + ")"));
    } else if (message instanceof StreamMessage.Stalled stalled) {
      fail(new SynthesisFailure(ErrorCode.STALLED, stalled.message()));
    } else if (message instanceof StreamMessage.Error error) {
      if (cancelRequested) {
        fail(new SynthesisFailure(ErrorCode.CANCELLED, "synthesis cancelled"));
      } else if (chunksReceived == 0 && ErrorCode.retryable(error.failure().code())) {
        retry(error.failure());
      } else {
        fail(error.failure());
      }
    }
    // A keep-alive only proves liveness: lastHeardNanos was updated on arrival.
  }

  private void onChunk(ChunkHeader header, Buffer pcm) {
    if (chunksReceived++ == 0) {
      firstChunkTiming = new ChunkTiming(header.queueMs(), header.synthMs());
    }
    pending.add(pcm);
    pendingHeaders.add(header);
    drain();
  }

  /** Keep-alives to the worker, and the stream's own liveness check. */
  private void tick() {
    long now = System.nanoTime();
    // After a stall of this event loop (GC, starved CPU) the worker's messages may still wait in
    // its queue: no verdict until they had a chance to be handled.
    boolean selfStalled = now - lastTickNanos > 4 * TICK_MS * 1_000_000L;
    lastTickNanos = now;
    if (terminated || attempt == null || attempt.accepted == null) {
      return;
    }
    if (now - lastSentNanos
        >= SynthesisProtocol.KEEPALIVE_INTERVAL_MS * 1_000_000L - TICK_MS * 500_000L) {
      control(new ControlMessage.KeepAlive());
    }
    if (!selfStalled && now - lastHeardNanos > SynthesisProtocol.LIVENESS_TIMEOUT_MS * 1_000_000L) {
      SynthesisFailure lost =
          new SynthesisFailure(
              ErrorCode.WORKER_LOST,
              "The synthesis worker went silent for more than "
                  + SynthesisProtocol.LIVENESS_TIMEOUT_MS
                  + " ms");
      client.directory().forget(attempt.workerId == null ? "" : attempt.workerId);
      if (cancelRequested) {
        fail(new SynthesisFailure(ErrorCode.CANCELLED, "synthesis cancelled (worker gone)"));
      } else if (chunksReceived == 0) {
        retry(lost);
      } else {
        fail(lost);
      }
    }
  }

  /** The job's worker failed before any audio: the same request goes to another worker. */
  private void retry(SynthesisFailure cause) {
    Attempt old = attempt;
    if (attemptsLeft <= 0 || old == null) {
      fail(cause);
      return;
    }
    control(new ControlMessage.Cancel());
    old.consumer.unregister();
    if (old.workerId != null) {
      client.directory().forget(old.workerId);
    }
    attempt(cause)
        .onFailure(
            err ->
                fail(
                    err instanceof SynthesisFailure f
                        ? f
                        : new SynthesisFailure(ErrorCode.INTERNAL_ERROR, err.getMessage())));
  }

  private void control(ControlMessage message) {
    if (attempt != null && attempt.accepted != null && attempt.accepted.control() != null) {
      lastSentNanos = System.nanoTime();
      vertx.eventBus().send(attempt.accepted.control(), message.toJson());
    }
  }

  private void drain() {
    while (!terminated && demand > 0 && handler != null && !pending.isEmpty()) {
      Buffer chunk = pending.poll();
      currentChunk = pendingHeaders.poll();
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      if (!endReceived) {
        control(new ControlMessage.Credit(1));
      }
      handler.handle(chunk);
    }
    if (!terminated && endReceived && pending.isEmpty()) {
      terminated = true;
      cleanUp();
      outcome.tryComplete(stats);
      deliverOutcome();
    }
  }

  private void fail(SynthesisFailure cause) {
    if (terminated) {
      return;
    }
    terminated = true;
    failure = cause;
    pending.clear();
    pendingHeaders.clear();
    if (cause.is(ErrorCode.WORKER_LOST)) {
      // It may only look dead (a partition): do not let it go on for nobody.
      control(new ControlMessage.Cancel());
    }
    cleanUp();
    outcome.tryFail(cause);
    deliverOutcome();
  }

  private void deliverOutcome() {
    if (outcomeDelivered) {
      return;
    }
    if (failure != null && exceptionHandler != null) {
      outcomeDelivered = true;
      exceptionHandler.handle(failure);
    } else if (failure == null && endHandler != null) {
      outcomeDelivered = true;
      endHandler.handle(null);
    }
  }

  private void cleanUp() {
    if (ticker >= 0) {
      vertx.cancelTimer(ticker);
      ticker = -1;
    }
    if (attempt != null && attempt.consumer != null) {
      attempt.consumer.unregister();
    }
  }

  // ---- ReadStream

  @Override
  public SynthesisStream handler(Handler<Buffer> handler) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> handler(handler));
      return this;
    }
    this.handler = handler;
    drain();
    return this;
  }

  @Override
  public SynthesisStream pause() {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> pause());
      return this;
    }
    demand = 0;
    return this;
  }

  @Override
  public SynthesisStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public SynthesisStream fetch(long amount) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> fetch(amount));
      return this;
    }
    if (amount > 0) {
      demand = demand > Long.MAX_VALUE - amount ? Long.MAX_VALUE : demand + amount;
      drain();
    }
    return this;
  }

  @Override
  public SynthesisStream endHandler(Handler<Void> endHandler) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> endHandler(endHandler));
      return this;
    }
    this.endHandler = endHandler;
    if (terminated) {
      deliverOutcome();
    }
    return this;
  }

  @Override
  public SynthesisStream exceptionHandler(Handler<Throwable> handler) {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> exceptionHandler(handler));
      return this;
    }
    this.exceptionHandler = handler;
    if (terminated) {
      deliverOutcome();
    }
    return this;
  }

  // ---- Control and state

  /**
   * Stops the synthesis at the next chunk boundary; the stream then fails with {@code cancelled}.
   */
  public void cancel() {
    if (Vertx.currentContext() != context) {
      context.runOnContext(v -> cancel());
      return;
    }
    if (terminated || cancelRequested) {
      return;
    }
    cancelRequested = true;
    if (attempt == null || attempt.accepted == null) {
      fail(new SynthesisFailure(ErrorCode.CANCELLED, "synthesis cancelled"));
    } else {
      control(new ControlMessage.Cancel());
    }
  }

  /** Completes with the worker's stats when all audio was delivered, or fails like the stream. */
  public Future<EndStats> outcome() {
    return outcome.future();
  }

  /** The worker's stats once the stream ended; null before. */
  public EndStats stats() {
    return stats;
  }

  public boolean isTerminated() {
    return terminated;
  }

  private JobAccepted accepted() {
    return attempt == null || attempt.accepted == null
        ? new JobAccepted(null, null, null, null, null, 0, 0, 0)
        : attempt.accepted;
  }

  public String jobId() {
    return accepted().job();
  }

  /** The worker running the job. */
  public String workerId() {
    return accepted().worker();
  }

  public String voice() {
    return accepted().voice();
  }

  public String lang() {
    return accepted().lang();
  }

  public int sampleRate() {
    return accepted().sampleRate();
  }

  public long seed() {
    return accepted().seed();
  }

  /** The job's place in its worker's queue when admitted: 0 = started at once. */
  public int queuedBehind() {
    return accepted().queued();
  }

  /** Jobs still waiting before this one in its worker's queue (0 once it runs or is next). */
  public int ahead() {
    return ahead;
  }

  /** Chunks received from the worker so far. */
  public int chunksReceived() {
    return chunksReceived;
  }

  /** Worker-side timing of the first chunk: queue wait and synthesis; null before it arrives. */
  /**
   * The header of the chunk most recently handed to the handler: read it from within the handler
   * (or a pipe's {@code write}) to know which text that chunk speaks.
   */
  public ChunkHeader currentChunk() {
    return currentChunk;
  }

  public ChunkTiming firstChunkTiming() {
    return firstChunkTiming;
  }

  /**
   * Milliseconds the first chunk waited in the worker's queue and spent being synthesized (-1 if
   * unknown).
   */
  public record ChunkTiming(double queueMs, double synthMs) {}
}
