package io.supertonic.audio;

/**
 * Streaming WAV: a header announcing an unknown ("as long as it goes") length, then raw samples.
 */
final class WavStreamEncoder implements AudioEncoder {

  private static final byte[] EMPTY = new byte[0];

  private final int sampleRate;

  WavStreamEncoder(int sampleRate) {
    WavHeader.requirePositiveRate(sampleRate);
    this.sampleRate = sampleRate;
  }

  @Override
  public byte[] header() {
    return WavHeader.streaming(sampleRate);
  }

  @Override
  public byte[] encode(short[] pcm) {
    return Pcm16.toLittleEndian(pcm);
  }

  @Override
  public byte[] finish() {
    return EMPTY;
  }

  @Override
  public void close() {
    // holds nothing
  }
}
