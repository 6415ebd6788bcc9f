package io.supertonic.bus;

import java.util.Optional;

/**
 * The failure codes of the synthesis protocol, with the HTTP-like status each maps to. A {@link
 * SynthesisFailure} carries the code as a string, so a newer server's code still reaches an older
 * client (which then treats it by its status).
 */
public enum ErrorCode {
  /** The input text is empty or has nothing to speak. */
  EMPTY_INPUT("empty_input", 400),
  /** A request field is missing or malformed (the failure's param names it). */
  INVALID_REQUEST("invalid_request", 400),
  INVALID_VOICE("invalid_voice", 400),
  INVALID_LANGUAGE("invalid_language", 400),
  INVALID_SPEED("invalid_speed", 400),
  INVALID_TOTAL_STEPS("invalid_total_steps", 400),
  INVALID_CHUNK_ENCODING("invalid_chunk_encoding", 400),
  /** The message's major version is not one this server speaks. */
  UNSUPPORTED_VERSION("unsupported_version", 400),
  /** Every worker's slots and queue places are taken; retry after a moment. */
  QUEUE_FULL("queue_full", 503),
  /** No live worker (serving the model) is known. */
  NO_WORKER("no_worker", 503),
  /** The worker went silent (died, or its node left) while it owed the stream audio. */
  WORKER_LOST("worker_lost", 503),
  /** The worker is shutting down and gave the job back (it had not started, or ran past grace). */
  WORKER_SHUTDOWN("worker_shutdown", 503),
  /** The client granted no credit for the stall timeout: it stopped reading. */
  STALLED("stalled", 408),
  /** The stream was cancelled (by its client, or because its client vanished). */
  CANCELLED("cancelled", 499),
  /** The engine failed while synthesizing. */
  SYNTHESIS_FAILED("synthesis_failed", 500),
  /** Anything else that went wrong on the server. */
  INTERNAL_ERROR("internal_error", 500);

  private final String id;
  private final int status;

  ErrorCode(String id, int status) {
    this.id = id;
    this.status = status;
  }

  /** The code as it appears on the wire, e.g. {@code queue_full}. */
  public String id() {
    return id;
  }

  /** The HTTP status a transport answers with. */
  public int status() {
    return status;
  }

  public static Optional<ErrorCode> of(String id) {
    for (ErrorCode code : values()) {
      if (code.id.equals(id)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a request that failed with this code before its first chunk may be sent again to
   * another worker: the worker, not the request, was the problem.
   */
  public static boolean retryable(String id) {
    return WORKER_LOST.id.equals(id) || WORKER_SHUTDOWN.id.equals(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
