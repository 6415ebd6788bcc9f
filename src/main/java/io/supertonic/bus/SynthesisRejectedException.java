package io.supertonic.bus;

/**
 * The worker refused or failed a synthesis. {@link #status()} is an HTTP-like status: 400 for bad
 * input, 503 when busy or no worker answers, 500 for an engine failure.
 */
public class SynthesisRejectedException extends RuntimeException {
  private final int status;
  private final String param;
  private final String code;

  public SynthesisRejectedException(int status, String message, String param, String code) {
    super(message);
    this.status = status;
    this.param = param;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String param() {
    return param;
  }

  public String code() {
    return code;
  }
}
