package io.supertonic.bus;

import io.vertx.core.json.JsonObject;

/** Published on {@link Addresses#METRICS_QUEUE}: one worker's queue depth changed. */
public record QueueDepth(String worker, int queued) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
        .put("queued", queued)
        .put("worker", worker);
  }

  public static QueueDepth fromJson(JsonObject json) {
    return new QueueDepth(json.getString("worker"), json.getInteger("queued", 0));
  }
}
