package io.supertonic.bus;

/**
 * The synthesis conversation on the event bus. Every message is JSON or a Buffer and every address
 * is a string, so it works unchanged across nodes of a clustered bus.
 *
 * <ol>
 *   <li>The transport registers a consumer on a fresh <em>stream address</em> and sends a request
 *       to {@link Addresses#SYNTH}: {@link SynthesisRequest#toJson()} plus {@code "stream"} (that
 *       address) and {@code "credits"} (how many chunks it accepts before acknowledging any).
 *   <li>The worker validates and replies at once: {@code {"job", "control", "voice", "lang",
 *       "sample_rate", "seed", "queued"}}, or fails the reply with {@link #FAILURE_INVALID}
 *       (message: the JSON of {@code {"message","param","code"}}) or {@link #FAILURE_BUSY} (queue
 *       full).
 *   <li>The worker sends to the stream address, in order: Buffers of little-endian int16 mono PCM
 *       with header {@value #HEADER_TYPE}={@value #TYPE_CHUNK}, {@value #HEADER_SEQ}, {@value
 *       #HEADER_SYNTH_MS} (time spent synthesizing that chunk) and, on the first, {@value
 *       #HEADER_QUEUE_MS}; then exactly one terminal JSON message whose {@code "type"} is {@value
 *       #TYPE_END} (with {@code "stats"}), {@value #TYPE_CANCELLED} or {@value #TYPE_ERROR} ({@code
 *       "message"}, {@code "code"}).
 *   <li>While a request waits in the worker's queue, it gets {@code {"type":"queued","ahead":n}}
 *       each time the queue moves, so a transport can tell a long queue from a vanished worker.
 *   <li>Flow control: the worker never has more unacknowledged chunks in flight than the credits
 *       granted. The transport grants more by sending {@code {"type":"credit","n":k}} to the job's
 *       control address once it has written a chunk out; a slow client therefore holds back
 *       synthesis instead of growing a buffer. {@code {"type":"cancel"}} to the control address
 *       stops the job at the next chunk boundary (or removes it from the queue) and frees the
 *       worker.
 * </ol>
 */
public final class SynthesisProtocol {
  private SynthesisProtocol() {}

  public static final String HEADER_TYPE = "type";
  public static final String HEADER_SEQ = "seq";
  public static final String HEADER_SYNTH_MS = "synth_ms";
  public static final String HEADER_QUEUE_MS = "queue_ms";
  public static final String TYPE_CHUNK = "chunk";
  public static final String TYPE_END = "end";
  public static final String TYPE_CANCELLED = "cancelled";
  public static final String TYPE_ERROR = "error";
  public static final String TYPE_QUEUED = "queued";
  public static final String TYPE_CREDIT = "credit";
  public static final String TYPE_CANCEL = "cancel";

  /** Reply failure code: the request is invalid; the message is {"message","param","code"} JSON. */
  public static final int FAILURE_INVALID = 400;

  /** Reply failure code: every worker slot and queue place is taken. */
  public static final int FAILURE_BUSY = 503;

  /**
   * Chunks a transport may receive before its first acknowledgement: one playing, one being made.
   */
  public static final int DEFAULT_CREDITS = 2;
}
