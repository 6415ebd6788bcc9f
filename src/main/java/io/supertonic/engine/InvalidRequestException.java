package io.supertonic.engine;

/**
 * A request the engine refuses because of what the caller sent (unknown voice, empty text, ...).
 * Transports map it to a 4xx with {@link #param()} naming the offending field.
 */
public class InvalidRequestException extends RuntimeException {
  private final String param;
  private final String code;

  public InvalidRequestException(String param, String code, String message) {
    super(message);
    this.param = param;
    this.code = code;
  }

  /** The request field at fault, e.g. {@code input}, {@code voice}; may be null. */
  public String param() {
    return param;
  }

  /** A stable machine-readable code, e.g. {@code invalid_voice}. */
  public String code() {
    return code;
  }
}
