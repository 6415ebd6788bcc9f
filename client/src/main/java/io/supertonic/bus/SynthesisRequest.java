package io.supertonic.bus;

import io.vertx.core.json.JsonObject;

/**
 * What a transport asks the workers to synthesize. Voice may be an alias (resolved by the worker);
 * null fields take the server defaults.
 *
 * @param id the transport's request id, echoed in logs and metrics
 * @param seed null for a random seed (the worker reports the one it used)
 */
public record SynthesisRequest(
    String id,
    String text,
    String voice,
    String lang,
    Double speed,
    Integer totalSteps,
    Long seed) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("text", text)
        .put("voice", voice)
        .put("lang", lang)
        .put("speed", speed)
        .put("total_steps", totalSteps)
        .put("seed", seed);
  }

  public static SynthesisRequest fromJson(JsonObject j) {
    return new SynthesisRequest(
        j.getString("id"),
        j.getString("text"),
        j.getString("voice"),
        j.getString("lang"),
        j.getDouble("speed"),
        j.getInteger("total_steps"),
        j.getLong("seed"));
  }
}
