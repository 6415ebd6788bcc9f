package io.supertonic.bus;

/**
 * Every event-bus address of supertonic-server, in one place. Everything sent on them is JSON or a
 * Buffer (plus {@link SynthesisFailure} replies, which have a codec), so they work on a clustered
 * bus and, for the synthesis ones, over the TCP event-bus bridge. docs/event-bus.md describes each.
 */
public final class Addresses {
  private Addresses() {}

  /**
   * Entry address for synthesis requests ({@link JobRequest}, request/reply {@link JobAccepted}).
   * Every worker consumes it; a worker that is full or draining forwards the request to the live
   * worker with the most free capacity, so simple clients get capacity-aware routing too.
   */
  public static final String SYNTH = "supertonic.synth";

  /** Prefix of each worker's own request address: {@code supertonic.synth.<workerId>}. */
  public static final String SYNTH_WORKER_PREFIX = "supertonic.synth.";

  /** Liveness probe of any worker (request/reply, empty body): replies a {@link WorkerInfo}. */
  public static final String WORKER_PING = "supertonic.synth.ping";

  /** Workers publish their {@link WorkerInfo} here every second and on every change. */
  public static final String WORKERS = "supertonic.workers";

  /** Publish anything here and every worker advertises at once (a directory that just started). */
  public static final String WORKERS_HELLO = "supertonic.workers.hello";

  /** Prefix of a job's control address (the accept reply names the full address). */
  public static final String JOB_PREFIX = "supertonic.job.";

  /** Prefix of the stream addresses clients register (any unique address works). */
  public static final String STREAM_PREFIX = "supertonic.stream.";

  /** One {@code RequestRecord} JSON per finished synthesis, from the transports (publish). */
  public static final String METRICS_RECORD = "supertonic.metrics.record";

  /** Worker activity, published: {@link ActivityDelta} when a synthesis starts or ends. */
  public static final String METRICS_ACTIVE = "supertonic.metrics.active";

  /** Worker queue depth, published: {@link QueueDepth} whenever it changes. */
  public static final String METRICS_QUEUE = "supertonic.metrics.queue";

  /**
   * Request/reply, any body: this node's metrics summary JSON. Node-local (localConsumer): each
   * node of a cluster reports itself.
   */
  public static final String METRICS_SUMMARY = "supertonic.metrics.summary";

  /**
   * Request/reply, body {@code {"limit": N}} (optional, positive): {@code {"data": [record, ...]}},
   * newest first; a limit that is not a positive integer fails the reply with code 400. Node-local.
   */
  public static final String METRICS_RECENT = "supertonic.metrics.recent";

  /**
   * The HTTP response cache's counters, published node-locally whenever they change: a {@code
   * CacheStats} JSON ({@code hits}, {@code misses}, {@code bytes}, {@code entries}).
   */
  public static final String METRICS_CACHE = "supertonic.metrics.cache";

  /** Request/reply, any body: the Prometheus text exposition (a String). Node-local. */
  public static final String METRICS_SCRAPE = "supertonic.metrics.scrape";

  /** Opens a WebSocket protocol session for a freshly upgraded socket (request/reply). */
  public static final String WS_OPEN = "supertonic.ws.open";

  /** Prefix of the per-socket outbox address the HTTP route registers. */
  public static final String WS_OUTBOX_PREFIX = "supertonic.ws.outbox.";

  /** Prefix of the per-session inbox address the WebSocket verticle registers. */
  public static final String WS_INBOX_PREFIX = "supertonic.ws.inbox.";

  /** The request address of one worker. */
  public static String synthWorker(String workerId) {
    return SYNTH_WORKER_PREFIX + workerId;
  }

  public static String jobControl(String jobId) {
    return JOB_PREFIX + jobId;
  }
}
