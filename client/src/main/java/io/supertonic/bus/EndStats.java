package io.supertonic.bus;

import io.vertx.core.json.JsonObject;

/**
 * The worker's account of a completed job, carried by the {@code end} message.
 *
 * @param rtf synthesis time over audio duration
 */
public record EndStats(
    int chunks,
    long samples,
    double audioS,
    double synthMs,
    double firstChunkMs,
    double queueMs,
    double rtf,
    long seed,
    String voice,
    String lang) {

  public static final EndStats EMPTY = new EndStats(0, 0, 0, 0, -1, -1, 0, 0, null, null);

  public JsonObject toJson() {
    return new JsonObject()
        .put("chunks", chunks)
        .put("samples", samples)
        .put("audio_s", audioS)
        .put("synth_ms", synthMs)
        .put("first_chunk_ms", firstChunkMs)
        .put("queue_ms", queueMs)
        .put("rtf", rtf)
        .put("seed", seed)
        .put("voice", voice)
        .put("lang", lang);
  }

  public static EndStats fromJson(JsonObject json) {
    if (json == null) {
      return EMPTY;
    }
    return new EndStats(
        json.getInteger("chunks", 0),
        json.getLong("samples", 0L),
        json.getDouble("audio_s", 0.0),
        json.getDouble("synth_ms", 0.0),
        json.getDouble("first_chunk_ms", -1.0),
        json.getDouble("queue_ms", -1.0),
        json.getDouble("rtf", 0.0),
        json.getLong("seed", 0L),
        json.getString("voice"),
        json.getString("lang"));
  }
}
