package io.supertonic.store;

/**
 * The model is not on disk and cannot be downloaded (offline, hub unreachable, 404, bad size...).
 */
public class ModelUnavailableException extends Exception {
  public ModelUnavailableException(String message) {
    super(message);
  }

  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
