package io.supertonic.bus;

import io.vertx.core.json.JsonObject;

/** Published on {@link Addresses#METRICS_ACTIVE}: a synthesis started (+1) or ended (-1). */
public record ActivityDelta(int active) {
  public JsonObject toJson() {
    return new JsonObject()
        .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
        .put("active", active);
  }

  public static ActivityDelta fromJson(JsonObject json) {
    return new ActivityDelta(json.getInteger("active", 0));
  }
}
