package io.supertonic.worker;

import io.supertonic.bus.SynthesisProtocol;
import io.vertx.core.json.JsonObject;

/**
 * The worker verticle's configuration (its deployment config JSON).
 *
 * @param maxQueue admitted jobs that may wait for a slot on this worker; the queue lives here, on
 *     each worker, so a cluster's capacity is the sum of every worker's slots and queue
 * @param stallTimeoutMs how long a job may wait for the transport's credit before it ends as {@code
 *     stalled}, so a client that stopped reading cannot hold a worker forever ({@code
 *     stall_timeout_ms})
 * @param shutdownGraceMs how long running jobs may finish once the worker drains ({@code
 *     shutdown_grace_ms})
 */
public record WorkerSettings(
    int maxConcurrent,
    int maxQueue,
    String defaultVoice,
    String defaultLang,
    double defaultSpeed,
    int defaultSteps,
    long stallTimeoutMs,
    long shutdownGraceMs) {

  public static WorkerSettings fromJson(JsonObject j) {
    return new WorkerSettings(
        j.getInteger("max_concurrent", 1),
        j.getInteger("max_queue", 16),
        j.getString("voice", "F1"),
        j.getString("lang", "en"),
        j.getDouble("speed", 1.05),
        j.getInteger("total_steps", 8),
        j.getLong("stall_timeout_ms", SynthesisProtocol.DEFAULT_STALL_TIMEOUT_MS),
        j.getLong("shutdown_grace_ms", 10_000L));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("max_concurrent", maxConcurrent)
        .put("max_queue", maxQueue)
        .put("voice", defaultVoice)
        .put("lang", defaultLang)
        .put("speed", defaultSpeed)
        .put("total_steps", defaultSteps)
        .put("stall_timeout_ms", stallTimeoutMs)
        .put("shutdown_grace_ms", shutdownGraceMs);
  }
}
