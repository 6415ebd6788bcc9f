package io.supertonic.bus;

/** Event-bus addresses. Everything on them is JSON or Buffer, so they work on a clustered bus. */
public final class Addresses {
  private Addresses() {}

  /** Synthesis requests (request/reply): see {@link SynthesisProtocol}. */
  public static final String SYNTH = "supertonic.synth";

  /** Liveness probe of the worker (request/reply, empty body, replies with the model info). */
  public static final String WORKER_PING = "supertonic.synth.ping";

  /**
   * One {@link io.supertonic.metrics.RequestRecord} JSON per finished synthesis, from the
   * transports.
   */
  public static final String METRICS_RECORD = "supertonic.metrics.record";

  /** Worker activity, published: {@code {"active": +1|-1}} when a synthesis starts or ends. */
  public static final String METRICS_ACTIVE = "supertonic.metrics.active";

  /** Worker queue depth, published: {@code {"queued": n, "worker": id}} whenever it changes. */
  public static final String METRICS_QUEUE = "supertonic.metrics.queue";
}
