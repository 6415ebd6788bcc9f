package io.supertonic.cli.load;

/**
 * A listener's player, simulated from arrival times: playback starts at the first byte, every byte
 * adds its share of audio to the buffer, and a piece of audio that arrives after everything before
 * it has finished playing is an underrun (the listener heard a gap). After a gap the player resumes
 * at once with what just arrived.
 */
public final class PlaybackSimulator {
  private final double bytesPerSecond;
  private double playedUntil = Double.NaN;
  private double firstByteAt = Double.NaN;
  private long bytes;
  private int underruns;
  private double gapSeconds;

  /**
   * @param bytesPerSecond e.g. 88,200 for 16-bit mono at 44.1 kHz
   */
  public PlaybackSimulator(double bytesPerSecond) {
    if (!(bytesPerSecond > 0)) {
      throw new IllegalArgumentException("bytes per second must be positive");
    }
    this.bytesPerSecond = bytesPerSecond;
  }

  /** {@code count} bytes of audio arrived at {@code atSeconds} (any monotonic clock). */
  public void arrived(double atSeconds, long count) {
    if (count <= 0) {
      return;
    }
    double seconds = count / bytesPerSecond;
    if (Double.isNaN(playedUntil)) {
      firstByteAt = atSeconds;
      playedUntil = atSeconds + seconds;
    } else if (atSeconds > playedUntil) {
      underruns++;
      gapSeconds += atSeconds - playedUntil;
      playedUntil = atSeconds + seconds;
    } else {
      playedUntil += seconds;
    }
    bytes += count;
  }

  public int underruns() {
    return underruns;
  }

  /** Total silence the listener heard inside the stream. */
  public double gapSeconds() {
    return gapSeconds;
  }

  public double audioSeconds() {
    return bytes / bytesPerSecond;
  }

  public double firstByteAt() {
    return firstByteAt;
  }
}
