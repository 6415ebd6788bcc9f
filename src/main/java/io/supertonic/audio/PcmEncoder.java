package io.supertonic.audio;

/**
 * Little-endian int16 samples after a fixed header: none for raw PCM, the streaming WAV header
 * (whose sizes announce an unknown length) for WAV.
 */
final class PcmEncoder implements AudioEncoder {
  private static final byte[] EMPTY = new byte[0];
  private final byte[] header;

  PcmEncoder(byte[] header) {
    this.header = header.clone();
  }

  @Override
  public byte[] header() {
    return header.clone();
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
