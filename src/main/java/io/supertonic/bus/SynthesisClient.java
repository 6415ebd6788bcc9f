package io.supertonic.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * The transport side of {@link SynthesisProtocol}: starts a synthesis on whichever worker the bus
 * picks and exposes its audio as a {@link SynthesisStream}. Use it from a verticle's context.
 */
public final class SynthesisClient {
  private final Vertx vertx;
  private final long inactivityTimeoutMs;

  /**
   * @param inactivityTimeoutMs how long a started stream may stay silent (queued or stalled worker)
   *     before it fails; guards against a worker node that vanished
   */
  public SynthesisClient(Vertx vertx, long inactivityTimeoutMs) {
    this.vertx = vertx;
    this.inactivityTimeoutMs = inactivityTimeoutMs;
  }

  public Future<SynthesisStream> start(SynthesisRequest request, int credits) {
    String streamAddress = "supertonic.stream." + UUID.randomUUID();
    MessageConsumer<Object> consumer = vertx.eventBus().consumer(streamAddress);
    SynthesisStream stream = new SynthesisStream(vertx, consumer, inactivityTimeoutMs);
    JsonObject body =
        request.toJson().put("stream", streamAddress).put("credits", Math.max(1, credits));
    // Wait for the registration so a worker on another node can already reach the stream address.
    return consumer
        .completion()
        .compose(
            v -> vertx.eventBus().<JsonObject>request(Addresses.SYNTH, body, new DeliveryOptions()))
        .map(reply -> stream.accepted(reply.body()))
        .recover(
            err -> {
              stream.discard();
              return Future.failedFuture(toRejection(err));
            });
  }

  static SynthesisRejectedException toRejection(Throwable err) {
    if (err instanceof SynthesisRejectedException rejected) {
      return rejected;
    }
    if (err instanceof ReplyException reply) {
      if (reply.failureType() == ReplyFailure.NO_HANDLERS) {
        return new SynthesisRejectedException(
            503, "No synthesis worker is available", null, "no_worker");
      }
      if (reply.failureType() == ReplyFailure.TIMEOUT) {
        return new SynthesisRejectedException(
            503, "The synthesis worker did not answer in time", null, "worker_timeout");
      }
      JsonObject detail = parseDetail(reply.getMessage());
      return new SynthesisRejectedException(
          reply.failureCode(),
          detail.getString("message", reply.getMessage()),
          detail.getString("param"),
          detail.getString("code"));
    }
    return new SynthesisRejectedException(
        500, String.valueOf(err.getMessage()), null, "internal_error");
  }

  private static JsonObject parseDetail(String message) {
    if (message != null && message.startsWith("{")) {
      try {
        return new JsonObject(message);
      } catch (DecodeException ignored) {
        // Not one of ours: fall through to the plain message.
      }
    }
    return new JsonObject();
  }
}
