package io.supertonic.ws;

import io.supertonic.audio.StreamingResampler;
import io.vertx.core.buffer.Buffer;

/**
 * Turns the worker's little-endian int16 chunks into the session's output rate. One instance per
 * synthesis, because the resampler carries filter state across chunk boundaries.
 */
final class PcmConverter {
  private final StreamingResampler resampler;

  PcmConverter(int fromRate, int toRate) {
    this.resampler = fromRate == toRate ? null : new StreamingResampler(fromRate, toRate);
  }

  Buffer convert(Buffer littleEndianPcm) {
    if (resampler == null) {
      return littleEndianPcm;
    }
    return toBuffer(resampler.process(toShorts(littleEndianPcm)));
  }

  /** The samples the resampler still holds; empty without resampling. */
  Buffer finish() {
    return resampler == null ? Buffer.buffer() : toBuffer(resampler.flush());
  }

  private static short[] toShorts(Buffer buffer) {
    short[] samples = new short[buffer.length() / 2];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = buffer.getShortLE(i * 2);
    }
    return samples;
  }

  private static Buffer toBuffer(short[] samples) {
    Buffer buffer = Buffer.buffer(samples.length * 2);
    for (short s : samples) {
      buffer.appendShortLE(s);
    }
    return buffer;
  }
}
