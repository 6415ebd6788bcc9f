package io.supertonic.bus;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;

/**
 * Starts syntheses on the workers of the bus and exposes each one's audio as a {@link
 * SynthesisStream}. Each job goes to the live worker with the most free capacity (see {@link
 * WorkerDirectory}); a job whose worker dies before its first chunk is sent again to another one.
 * Everything runs on the context the client was created on (a verticle's, typically).
 */
public final class SynthesisClient {
  private final Vertx vertx;
  private final Context context;
  private final WorkerDirectory directory;
  private final String model;

  /** A client for any model the workers serve. */
  public SynthesisClient(Vertx vertx) {
    this(vertx, (String) null);
  }

  /**
   * @param model only workers advertising this model get jobs (null: any)
   */
  public SynthesisClient(Vertx vertx, String model) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.model = model;
    this.directory = new WorkerDirectory(vertx);
    SynthesisFailureCodec.register(vertx);
    onContext(directory::start);
  }

  /**
   * @deprecated a silent stream now fails after the protocol's liveness timeout ({@value
   *     SynthesisProtocol#LIVENESS_TIMEOUT_MS} ms); the argument is no longer used
   */
  @Deprecated
  public SynthesisClient(Vertx vertx, long inactivityTimeoutMs) {
    this(vertx);
  }

  /** Stops listening to worker advertisements; streams already started go on. */
  public Future<Void> close() {
    return directory.stop();
  }

  /** The context every callback of this client and its streams runs on. */
  public Context context() {
    return context;
  }

  /** The workers this client routes to. */
  public WorkerDirectory directory() {
    return directory;
  }

  Vertx vertx() {
    return vertx;
  }

  String model() {
    return model;
  }

  /**
   * Sends the request to a worker and completes with the stream once it is admitted (it may still
   * wait in the worker's queue), or fails with a {@link SynthesisFailure}: a 400 code for bad
   * input, {@code queue_full}, {@code no_worker} or {@code worker_lost} when no worker took it.
   *
   * @param credits chunks the worker may run ahead of the reader (at least 1); see {@link
   *     SynthesisProtocol#DEFAULT_CREDITS}
   */
  public Future<SynthesisStream> start(SynthesisRequest request, int credits) {
    Promise<SynthesisStream> promise = Promise.promise();
    onContext(
        () -> {
          SynthesisStream stream = new SynthesisStream(this, request, Math.max(1, credits));
          return stream.open().onComplete(promise);
        });
    return promise.future();
  }

  private void onContext(java.util.function.Supplier<Future<?>> action) {
    if (Vertx.currentContext() == context) {
      action.get();
    } else {
      context.runOnContext(v -> action.get());
    }
  }

  /** The typed failure for whatever a request to a worker failed with. */
  static SynthesisFailure toFailure(Throwable err, boolean namedWorker) {
    if (err instanceof SynthesisFailure failure) {
      return failure;
    }
    if (err instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return namedWorker
            ? new SynthesisFailure(ErrorCode.WORKER_LOST, "The chosen synthesis worker is gone")
            : new SynthesisFailure(ErrorCode.NO_WORKER, "No synthesis worker is available");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new SynthesisFailure(
            ErrorCode.WORKER_LOST,
            "The synthesis worker did not answer within "
                + SynthesisProtocol.LIVENESS_TIMEOUT_MS
                + " ms");
      }
      // A plain failure from an older or foreign worker: keep its status, name it generically.
      int status = reply.failureCode() > 0 ? reply.failureCode() : 500;
      return new SynthesisFailure(
          status == 503
              ? ErrorCode.QUEUE_FULL.id()
              : status == 400 ? ErrorCode.INVALID_REQUEST.id() : ErrorCode.INTERNAL_ERROR.id(),
          status,
          String.valueOf(reply.getMessage()),
          null);
    }
    return new SynthesisFailure(ErrorCode.INTERNAL_ERROR, String.valueOf(err.getMessage()));
  }
}
