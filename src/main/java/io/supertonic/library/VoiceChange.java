package io.supertonic.library;

import io.vertx.core.json.JsonObject;

/**
 * A run-time voice added (or replaced) with its style JSON, or removed when {@code style} is null.
 */
public record VoiceChange(String id, JsonObject style) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("style", style);
  }

  public static VoiceChange fromJson(JsonObject j) {
    return new VoiceChange(j.getString("id"), j.getJsonObject("style"));
  }
}
