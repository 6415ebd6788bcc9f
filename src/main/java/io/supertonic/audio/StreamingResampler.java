package io.supertonic.audio;

/**
 * Converts a stream of 16-bit mono PCM chunks from one rate to another (e.g. 44100 to 16000 or
 * 24000) without clicks at chunk boundaries. Not thread-safe; one instance per stream.
 */
public final class StreamingResampler {

  public StreamingResampler(int fromRate, int toRate) {
    throw new UnsupportedOperationException("TODO audio");
  }

  public short[] process(short[] pcm) {
    throw new UnsupportedOperationException("TODO audio");
  }

  /** Returns the samples still held back for filtering; call once after the last chunk. */
  public short[] flush() {
    throw new UnsupportedOperationException("TODO audio");
  }
}
