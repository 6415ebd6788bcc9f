package io.supertonic.audio;

/**
 * LAME settings for the MP3 responses.
 *
 * @param bitrateKbps constant bitrate; 96 kbps mono is transparent for speech at 44.1 kHz
 * @param quality LAME's algorithm quality, 0 (best, slowest) to 9 (worst, fastest)
 */
public record Mp3Settings(int bitrateKbps, int quality) {

  /**
   * 96 kbps CBR mono, quality 5: 0.7 MB per minute, below both the Python server's 128 kbps and
   * OpenAI's ~160 kbps stereo, while leaving the encoder headroom for sibilants and breathy voices
   * that 64 kbps squeezes. Constant bitrate keeps the stream seekable without an Info frame.
   * Quality 5 (LAME's own default) encodes a second of audio in about 4 ms here against 12-20 ms at
   * quality 2, and the first chunk's encoding sits directly in the time to first byte; at 96 kbps
   * mono speech the two are not told apart.
   */
  public static final Mp3Settings SPEECH = new Mp3Settings(96, 5);

  /** Range of MPEG Layer III bitrates; LAME rounds to the nearest one the sample rate allows. */
  private static final int MIN_KBPS = 8;

  private static final int MAX_KBPS = 320;

  public Mp3Settings {
    if (bitrateKbps < MIN_KBPS || bitrateKbps > MAX_KBPS) {
      throw new IllegalArgumentException(
          "MP3 bitrate must be " + MIN_KBPS + ".." + MAX_KBPS + " kbps, got " + bitrateKbps);
    }
    if (quality < 0 || quality > 9) {
      throw new IllegalArgumentException("MP3 quality must be 0..9, got " + quality);
    }
  }
}
