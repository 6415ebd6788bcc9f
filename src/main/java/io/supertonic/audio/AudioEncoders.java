package io.supertonic.audio;

/**
 * Creates encoders. MP3 needs the system's LAME library (Debian: libmp3lame0); when it is missing,
 * {@link #mp3Available()} is false and wav/pcm keep working.
 */
public final class AudioEncoders {

  /** Probes for LAME once; logs one warning if it cannot be loaded. */
  public static AudioEncoders detect() {
    throw new UnsupportedOperationException("TODO audio");
  }

  public boolean mp3Available() {
    throw new UnsupportedOperationException("TODO audio");
  }

  /** Human-readable reason MP3 is unavailable and how to fix it (install libmp3lame0). */
  public String mp3UnavailableMessage() {
    throw new UnsupportedOperationException("TODO audio");
  }

  /**
   * @throws IllegalStateException for MP3 when LAME is unavailable
   */
  public AudioEncoder create(AudioFormat format, int sampleRate) {
    throw new UnsupportedOperationException("TODO audio");
  }
}
