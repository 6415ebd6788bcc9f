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
 * @param scheduler the order in which admitted streams' chunks run ({@code scheduler}: deadline or
 *     fifo)
 * @param maxBatch ready chunks of different streams synthesized together ({@code max_batch}; by
 *     default {@link #CPU_MAX_BATCH} or {@link #ACCELERATOR_MAX_BATCH} by device)
 */
public record WorkerSettings(
    int maxConcurrent,
    int maxQueue,
    String defaultVoice,
    String defaultLang,
    double defaultSpeed,
    int defaultSteps,
    long stallTimeoutMs,
    long shutdownGraceMs,
    ChunkScheduler.Policy scheduler,
    int maxBatch) {

  /**
   * The default {@code --max-batch} on a CPU: there a batch of 8 raised throughput 1.18x under 8
   * clients but made a third of the streams underrun, and batches kept within the playing streams'
   * slack gained nothing (docs/BENCHMARKS.md, "Deadline scheduling against fifo").
   */
  public static final int CPU_MAX_BATCH = 1;

  /**
   * The default {@code --max-batch} with an accelerator (CUDA, CoreML): a chunk there is bound by
   * kernel launches, not arithmetic, so a batch of 8 costs little more than one chunk
   * (docs/BENCHMARKS.md, "On a GPU, on paper").
   */
  public static final int ACCELERATOR_MAX_BATCH = 8;

  /** The default {@code --max-concurrent}: streams the deadline scheduler may interleave. */
  public static final int DEFAULT_MAX_CONCURRENT = 8;

  /** The default {@code --scheduler}. */
  public static final ChunkScheduler.Policy DEFAULT_SCHEDULER = ChunkScheduler.Policy.DEADLINE;

  /**
   * The worker's settings from its config; {@code max_batch}, when the config leaves it out, follows
   * the device the model runs on.
   *
   * @param accelerated whether the model runs on CUDA or CoreML ({@code ModelInfo.accelerated()})
   */
  public static WorkerSettings fromJson(JsonObject j, boolean accelerated) {
    return new WorkerSettings(
        j.getInteger("max_concurrent", DEFAULT_MAX_CONCURRENT),
        j.getInteger("max_queue", 16),
        j.getString("voice", "F1"),
        j.getString("lang", "en"),
        j.getDouble("speed", 1.05),
        j.getInteger("total_steps", 8),
        j.getLong("stall_timeout_ms", SynthesisProtocol.DEFAULT_STALL_TIMEOUT_MS),
        j.getLong("shutdown_grace_ms", 10_000L),
        ChunkScheduler.Policy.parse(j.getString("scheduler", DEFAULT_SCHEDULER.id())),
        Math.max(
            1, j.getInteger("max_batch", accelerated ? ACCELERATOR_MAX_BATCH : CPU_MAX_BATCH)));
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
        .put("shutdown_grace_ms", shutdownGraceMs)
        .put("scheduler", scheduler.id())
        .put("max_batch", maxBatch);
  }
}
