package io.supertonic.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds the 44-byte RIFF/WAVE header for 16-bit mono PCM. */
public final class WavHeader {

  /** Header size in bytes; the sample data starts right after it. */
  public static final int SIZE = 44;

  /**
   * Data size announced when the length is not known up front. It keeps the RIFF size (data + 36)
   * at exactly 0xFFFFFFFF, the largest value the unsigned field holds; players treat it as "read
   * until the stream ends". Same sentinel as the Python server.
   */
  public static final long STREAMING_DATA_SIZE = 0xFFFFFFFFL - 36;

  private static final int CHANNELS = 1;
  private static final int BITS_PER_SAMPLE = 16;

  private WavHeader() {}

  /** Header for a stream whose length is unknown. */
  public static byte[] streaming(int sampleRate) {
    return forDataSize(sampleRate, STREAMING_DATA_SIZE);
  }

  /**
   * Header announcing exactly {@code dataBytes} bytes of samples.
   *
   * @throws IllegalArgumentException if the rate is not positive or the size does not fit a WAV
   */
  public static byte[] forDataSize(int sampleRate, long dataBytes) {
    requirePositiveRate(sampleRate);
    if (dataBytes < 0 || dataBytes > STREAMING_DATA_SIZE) {
      throw new IllegalArgumentException(
          "WAV data size must be 0.." + STREAMING_DATA_SIZE + " bytes, got " + dataBytes);
    }
    int blockAlign = CHANNELS * BITS_PER_SAMPLE / 8;
    ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII));
    b.putInt((int) (dataBytes + 36));
    b.put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII));
    b.putInt(16); // size of the PCM fmt chunk
    b.putShort((short) 1); // format tag: integer PCM
    b.putShort((short) CHANNELS);
    b.putInt(sampleRate);
    b.putInt(sampleRate * blockAlign); // byte rate
    b.putShort((short) blockAlign);
    b.putShort((short) BITS_PER_SAMPLE);
    b.put("data".getBytes(StandardCharsets.US_ASCII));
    b.putInt((int) dataBytes);
    return b.array();
  }

  static void requirePositiveRate(int sampleRate) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
    }
  }
}
