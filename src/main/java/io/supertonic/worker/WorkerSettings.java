package io.supertonic.worker;

import io.vertx.core.json.JsonObject;

/**
 * The worker verticle's configuration (its deployment config JSON).
 *
 * @param stallTimeoutMs how long a job may wait for the transport's credit before it is dropped, so
 *     a client that stopped reading cannot hold a worker forever
 */
public record WorkerSettings(
    int maxConcurrent,
    int maxQueue,
    String defaultVoice,
    String defaultLang,
    double defaultSpeed,
    int defaultSteps,
    long stallTimeoutMs) {

  public static WorkerSettings fromJson(JsonObject j) {
    return new WorkerSettings(
        j.getInteger("max_concurrent", 1),
        j.getInteger("max_queue", 16),
        j.getString("voice", "F1"),
        j.getString("lang", "en"),
        j.getDouble("speed", 1.05),
        j.getInteger("total_steps", 8),
        j.getLong("stall_timeout_ms", 60_000L));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("max_concurrent", maxConcurrent)
        .put("max_queue", maxQueue)
        .put("voice", defaultVoice)
        .put("lang", defaultLang)
        .put("speed", defaultSpeed)
        .put("total_steps", defaultSteps)
        .put("stall_timeout_ms", stallTimeoutMs);
  }
}
