package io.supertonic.audio;

/**
 * Turns a stream of 16-bit mono PCM chunks into one encoded stream. One instance per response; not
 * thread-safe. Encoding may be CPU-heavy (MP3): call it off the event loop.
 */
public interface AudioEncoder extends AutoCloseable {

  /** Bytes to send before any audio (e.g. a WAV header); may be empty. */
  byte[] header();

  /** Encodes one chunk; may return an empty array while the encoder buffers. */
  byte[] encode(short[] pcm);

  /** Flushes what the encoder still holds; call once after the last chunk. */
  byte[] finish();

  /** Releases native resources; safe to call more than once, and after a cancelled stream. */
  @Override
  void close();
}
