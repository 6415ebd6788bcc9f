package io.supertonic.wyoming;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.bus.SynthesisStream;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * The one place where the Wyoming transport touches the synthesis bus API: it starts a synthesis on
 * whichever worker the bus picks and exposes its audio as a pausable {@link Audio} source, and it
 * asks the workers what they offer. Everything else in this package depends only on this class, so
 * a change of the bus client API is absorbed here.
 */
final class BusSynthesis {
  private static final long PING_TIMEOUT_MS = 5_000;

  private final Vertx vertx;
  private final SynthesisClient client;

  BusSynthesis(Vertx vertx) {
    this.vertx = vertx;
    this.client = new SynthesisClient(vertx);
  }

  Future<Void> close() {
    return client.close();
  }

  /** The model info of whichever worker answers: {@code model, sample_rate, voices, languages}. */
  Future<JsonObject> workerInfo() {
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.WORKER_PING,
            new JsonObject(),
            new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(reply -> reply.body());
  }

  /**
   * Starts a synthesis; fails with a {@link Failure} when no worker takes it (bad voice, busy, no
   * worker).
   */
  Future<Audio> start(String id, String text, String voice, String lang) {
    SynthesisRequest request = new SynthesisRequest(id, text, voice, lang, null, null, null);
    return client
        .start(request, SynthesisProtocol.DEFAULT_CREDITS)
        .<Audio>map(Audio::new)
        .recover(err -> Future.failedFuture(Failure.of(err)));
  }

  /** Why a synthesis failed, with a machine-readable code for the Wyoming {@code error} event. */
  static final class Failure extends RuntimeException {
    private final String code;

    Failure(String code, String message) {
      super(message);
      this.code = code;
    }

    String code() {
      return code;
    }

    static Failure of(Throwable err) {
      if (err instanceof Failure f) {
        return f;
      }
      if (err instanceof SynthesisFailure r) {
        return new Failure(r.code() == null ? "synthesis_failed" : r.code(), r.getMessage());
      }
      return new Failure("synthesis_failed", String.valueOf(err.getMessage()));
    }
  }

  /**
   * The PCM (mono int16 little-endian) of one accepted synthesis. Pausing it stops granting credits
   * (the bus stream is a ReadStream whose demand maps to credits), so the worker stops at its next
   * chunk boundary: the transport pauses this when its socket is full.
   */
  static final class Audio {
    private final SynthesisStream stream;

    private Audio(SynthesisStream stream) {
      this.stream = stream;
    }

    int sampleRate() {
      return stream.sampleRate();
    }

    String voice() {
      return stream.voice();
    }

    String lang() {
      return stream.lang();
    }

    /**
     * Installs the handlers; exactly one of {@code end} (worker stats), {@code cancelled} or {@code
     * failed} follows the chunks.
     */
    void start(
        Handler<Buffer> chunks,
        Handler<JsonObject> end,
        Handler<Void> cancelled,
        Handler<Failure> failed) {
      stream
          .exceptionHandler(
              err -> {
                if (err instanceof SynthesisFailure f && f.is(ErrorCode.CANCELLED)) {
                  cancelled.handle(null);
                } else {
                  failed.handle(Failure.of(err));
                }
              })
          .endHandler(v -> end.handle(stream.stats().toJson()))
          .handler(chunks);
    }

    void pause() {
      stream.pause();
    }

    void resume() {
      stream.resume();
    }

    /** Stops the synthesis at the next chunk boundary; the cancelled handler follows. */
    void cancel() {
      stream.cancel();
    }
  }
}
