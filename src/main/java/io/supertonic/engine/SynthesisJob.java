package io.supertonic.engine;

/**
 * A synthesis in progress. Chunks are produced lazily: each {@link #next()} call runs the model for
 * exactly one text chunk, so a caller can stop (cancel) between chunks and never pays for the rest.
 * Not thread-safe; one thread drives a job.
 */
public interface SynthesisJob {
  boolean hasNext();

  /** Synthesizes and returns the next chunk. Blocking; call it off the event loop. */
  AudioChunk next();

  int sampleRate();

  /**
   * The length in text tokens of the chunk {@link #next()} would synthesize, or -1 when the job
   * cannot tell; a scheduler uses it to estimate the chunk's cost. Does not synthesize anything.
   */
  default int nextChunkLength() {
    return -1;
  }
}
