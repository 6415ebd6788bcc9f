package io.supertonic.bus;

/**
 * Constants of the synthesis conversation on the event bus; docs/event-bus.md is the full
 * description (addresses in {@link Addresses}, messages in the records of this package).
 *
 * <p>Versioning: every message carries {@value #FIELD_VERSION} = {@value #VERSION}. A reader
 * accepts any message of the same major version: it ignores fields it does not know and takes the
 * documented default for optional fields that are missing, so a client written for 1.0 keeps
 * working against a 1.x server and the other way round. A new major version means a new address.
 */
public final class SynthesisProtocol {
  private SynthesisProtocol() {}

  /** The protocol version every message carries. */
  public static final String VERSION = "1.1";

  public static final String FIELD_VERSION = "v";

  /** Headers of a binary chunk message; see {@link ChunkHeader}. */
  public static final String HEADER_TYPE = "type";

  public static final String HEADER_VERSION = "v";
  public static final String HEADER_SEQ = "seq";
  public static final String HEADER_SYNTH_MS = "synth_ms";
  public static final String HEADER_QUEUE_MS = "queue_ms";

  /** Since 1.1, optional: the chunk's (normalized) text. */
  public static final String HEADER_TEXT = "text";

  public static final String TYPE_CHUNK = "chunk";
  public static final String TYPE_QUEUED = "queued";
  public static final String TYPE_KEEPALIVE = "keepalive";
  public static final String TYPE_END = "end";
  public static final String TYPE_CANCELLED = "cancelled";
  public static final String TYPE_ERROR = "error";
  public static final String TYPE_STALLED = "stalled";
  public static final String TYPE_CREDIT = "credit";
  public static final String TYPE_CANCEL = "cancel";

  /** Chunks arrive as Buffers of little-endian int16 mono PCM with {@link ChunkHeader} headers. */
  public static final String CHUNK_ENCODING_BINARY = "binary";

  /**
   * Chunks arrive as JSON {@code {"type":"chunk","seq",...,"audio":"<base64 PCM>"}}: for clients
   * behind the TCP event-bus bridge, which carries JSON only.
   */
  public static final String CHUNK_ENCODING_BASE64 = "base64";

  /**
   * Chunks a transport may receive before its first acknowledgement: one playing, one being made.
   */
  public static final int DEFAULT_CREDITS = 2;

  /** A worker that owes a stream audio sends a chunk or a keep-alive at least this often. */
  public static final long KEEPALIVE_INTERVAL_MS = 1_000;

  /**
   * A stream silent this long is dead: the client fails it with {@code worker_lost}; a worker
   * cancels a job whose client has been silent this long.
   */
  public static final long LIVENESS_TIMEOUT_MS = 3_000;

  /** A worker that sent no advertisement for this long is taken for dead by the directories. */
  public static final long ADVERT_EXPIRY_MS = 3_000;

  /** Workers advertise their state this often, and at once on every change. */
  public static final long ADVERT_INTERVAL_MS = 1_000;

  /** How long a worker may wait for a client's credit before it ends the job as stalled. */
  public static final long DEFAULT_STALL_TIMEOUT_MS = 60_000;

  /** Extra attempts on another worker for a request whose audio had not started. */
  public static final int MAX_RETRIES = 2;

  /** True when a message of version {@code v} can be read by this implementation. */
  public static boolean compatible(String v) {
    if (v == null) {
      // Messages from before versioning are 1.0.
      return true;
    }
    int dot = v.indexOf('.');
    String major = dot < 0 ? v : v.substring(0, dot);
    return major.equals(VERSION.substring(0, VERSION.indexOf('.')));
  }
}
