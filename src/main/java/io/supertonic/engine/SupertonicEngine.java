package io.supertonic.engine;

import io.supertonic.engine.text.TextPipeline;

/**
 * A loaded Supertonic model: four ONNX sessions, the text pipeline and the voice styles. Thread-safe:
 * several jobs may run at once (ONNX Runtime sessions allow concurrent runs); the caller bounds how many.
 */
public final class SupertonicEngine implements AutoCloseable {

  /** Loads and validates a model directory. Fails naming the file and the mismatch. */
  public static SupertonicEngine load(EngineOptions options) throws ModelLoadException {
    throw new UnsupportedOperationException("TODO engine");
  }

  public ModelInfo info() {
    throw new UnsupportedOperationException("TODO engine");
  }

  public TextPipeline text() {
    throw new UnsupportedOperationException("TODO engine");
  }

  /**
   * Validates the parameters (voice, language, speed, steps, text) and returns a lazy job. Throws
   * {@link InvalidRequestException} for bad input before any inference runs.
   */
  public SynthesisJob start(SynthesisParams params) {
    throw new UnsupportedOperationException("TODO engine");
  }

  @Override
  public void close() {}
}
