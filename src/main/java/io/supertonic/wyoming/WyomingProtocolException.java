package io.supertonic.wyoming;

/**
 * A client broke the protocol. {@code fatal} when the byte stream can no longer be framed, so the
 * connection must close after the {@code error} event.
 */
final class WyomingProtocolException extends RuntimeException {
  private final String code;
  private final boolean fatal;

  WyomingProtocolException(String code, String message, boolean fatal) {
    super(message);
    this.code = code;
    this.fatal = fatal;
  }

  String code() {
    return code;
  }

  boolean fatal() {
    return fatal;
  }
}
