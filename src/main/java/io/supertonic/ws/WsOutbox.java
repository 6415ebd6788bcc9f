package io.supertonic.ws;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * What a session sends to its socket, through the route's outbox address (see {@link WsBridge}).
 */
final class WsOutbox {
  private final Vertx vertx;
  private final String address;

  WsOutbox(Vertx vertx, String address) {
    this.vertx = vertx;
    this.address = address;
  }

  /** A JSON control message; fire and forget (ordered with the audio frames). */
  void send(JsonObject message) {
    vertx.eventBus().send(address, message);
  }

  void error(String message) {
    send(new JsonObject().put("type", "error").put("message", message));
  }

  /** An error with a machine-readable code, e.g. {@code worker_lost} or {@code queue_full}. */
  void error(String code, String message) {
    send(new JsonObject().put("type", "error").put("code", code).put("message", message));
  }

  /**
   * An audio frame: raw PCM in a binary frame, or base64 in an {@code audio} JSON message.
   * Completes once the route has written it and the socket can take more.
   */
  Future<Void> sendAudio(Buffer pcm, boolean binary) {
    Object body =
        binary
            ? pcm
            : new JsonObject()
                .put("type", "audio")
                .put("chunk", Base64.getEncoder().encodeToString(pcm.getBytes()));
    return vertx.eventBus().request(address, body).mapEmpty();
  }

  void close(short code, String reason) {
    vertx
        .eventBus()
        .send(
            address,
            new JsonObject().put("code", code).put("reason", reason),
            new DeliveryOptions().addHeader(WsBridge.HEADER_OP, WsBridge.OP_CLOSE));
  }
}
