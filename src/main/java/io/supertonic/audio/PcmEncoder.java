package io.supertonic.audio;

/** Raw little-endian int16 samples with no header. */
final class PcmEncoder implements AudioEncoder {

  private static final byte[] EMPTY = new byte[0];

  @Override
  public byte[] header() {
    return EMPTY;
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
