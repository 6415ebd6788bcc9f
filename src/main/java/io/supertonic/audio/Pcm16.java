package io.supertonic.audio;

/** Conversions between 16-bit PCM samples and the little-endian bytes sent on the wire. */
public final class Pcm16 {

  private Pcm16() {}

  /** Encodes samples as little-endian int16 bytes (two bytes per sample). */
  public static byte[] toLittleEndian(short[] pcm) {
    byte[] out = new byte[pcm.length * 2];
    for (int i = 0, j = 0; i < pcm.length; i++, j += 2) {
      short s = pcm[i];
      out[j] = (byte) s;
      out[j + 1] = (byte) (s >> 8);
    }
    return out;
  }

  /**
   * Decodes little-endian int16 bytes into samples.
   *
   * @throws IllegalArgumentException if the byte count is odd
   */
  public static short[] fromLittleEndian(byte[] bytes) {
    if (bytes.length % 2 != 0) {
      throw new IllegalArgumentException(
          "16-bit PCM needs an even number of bytes, got " + bytes.length);
    }
    short[] out = new short[bytes.length / 2];
    for (int i = 0, j = 0; i < out.length; i++, j += 2) {
      out[i] = (short) ((bytes[j] & 0xFF) | (bytes[j + 1] << 8));
    }
    return out;
  }

  /** Rounds and clamps one sample to the int16 range. */
  static short clamp(double sample) {
    long rounded = Math.round(sample);
    if (rounded > Short.MAX_VALUE) {
      return Short.MAX_VALUE;
    }
    if (rounded < Short.MIN_VALUE) {
      return Short.MIN_VALUE;
    }
    return (short) rounded;
  }
}
