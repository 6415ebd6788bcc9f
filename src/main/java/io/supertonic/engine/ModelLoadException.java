package io.supertonic.engine;

/**
 * The model directory is missing a file, or a file is corrupt or does not match the graph contract.
 */
public class ModelLoadException extends Exception {
  public ModelLoadException(String message) {
    super(message);
  }

  public ModelLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
