package io.supertonic.bus;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * What a client sends to a job's control address. Any of them also proves the client alive; a
 * client sends a {@link KeepAlive} at least every {@value SynthesisProtocol#KEEPALIVE_INTERVAL_MS}
 * ms, paused or not, and a worker cancels a job whose client was silent for {@value
 * SynthesisProtocol#LIVENESS_TIMEOUT_MS} ms.
 */
public sealed interface ControlMessage {

  JsonObject toJson();

  /** Empty for a type this version does not know (it still counts as a sign of life). */
  static Optional<ControlMessage> fromJson(JsonObject json) {
    if (json == null
        || !SynthesisProtocol.compatible(json.getString(SynthesisProtocol.FIELD_VERSION))) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        switch (json.getString("type", "")) {
          case SynthesisProtocol.TYPE_CREDIT -> new Credit(Math.max(0, json.getInteger("n", 1)));
          case SynthesisProtocol.TYPE_CANCEL -> new Cancel();
          case SynthesisProtocol.TYPE_KEEPALIVE -> new KeepAlive();
          default -> null;
        });
  }

  private static JsonObject typed(String type) {
    return new JsonObject()
        .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
        .put("type", type);
  }

  /** The client consumed {@code n} chunks: the worker may send {@code n} more. */
  record Credit(int n) implements ControlMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_CREDIT).put("n", n);
    }
  }

  /** Stop at the next chunk boundary (or leave the queue); a {@code cancelled} follows. */
  record Cancel() implements ControlMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_CANCEL);
    }
  }

  /** The client is alive (and may be paused). */
  record KeepAlive() implements ControlMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_KEEPALIVE);
    }
  }
}
