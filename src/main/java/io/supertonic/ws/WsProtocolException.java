package io.supertonic.ws;

/**
 * A client message the session cannot accept; the message goes back to the client as an {@code
 * error} with {@link #code()}, and the socket stays usable.
 */
final class WsProtocolException extends RuntimeException {
  static final String INVALID_MESSAGE = "invalid_message";

  private final String code;

  WsProtocolException(String message) {
    this(INVALID_MESSAGE, message);
  }

  WsProtocolException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** Machine-readable, e.g. {@code invalid_message}, {@code queue_full}, {@code text_too_long}. */
  String code() {
    return code;
  }
}
