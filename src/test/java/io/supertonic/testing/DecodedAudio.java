package io.supertonic.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/** Audio decoded back to PCM, so tests check what a client would hear rather than byte counts. */
public record DecodedAudio(int sampleRate, int channels, short[] samples) {

  public double seconds() {
    return samples.length / (double) channels / sampleRate;
  }

  public boolean isSilent() {
    for (short s : samples) {
      if (Math.abs(s) > 64) {
        return false;
      }
    }
    return true;
  }

  /** Parses a WAV stream; accepts the streaming header's "unknown" sizes by reading to the end. */
  public static DecodedAudio wav(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 44 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new AssertionError("not a RIFF/WAVE stream");
    }
    int pos = 12;
    int channels = 0;
    int rate = 0;
    int bits = 0;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      int size = b.getInt(pos + 4);
      if (id == 0x20746d66) { // "fmt "
        channels = b.getShort(pos + 10);
        rate = b.getInt(pos + 12);
        bits = b.getShort(pos + 22);
        pos += 8 + size;
      } else if (id == 0x61746164) { // "data"
        int start = pos + 8;
        int available = bytes.length - start;
        int length = size < 0 || size > available ? available : size;
        if (bits != 16) {
          throw new AssertionError("expected 16-bit PCM, got " + bits);
        }
        return new DecodedAudio(rate, channels, pcm(bytes, start, length));
      } else {
        pos += 8 + size;
      }
    }
    throw new AssertionError("no data chunk");
  }

  public static DecodedAudio pcm(byte[] bytes, int sampleRate) {
    return new DecodedAudio(sampleRate, 1, pcm(bytes, 0, bytes.length));
  }

  public static DecodedAudio mp3(byte[] bytes) throws Exception {
    Bitstream stream = new Bitstream(new ByteArrayInputStream(bytes));
    Decoder decoder = new Decoder();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int rate = 0;
    int channels = 0;
    Header header;
    while ((header = stream.readFrame()) != null) {
      SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(header, stream);
      rate = buffer.getSampleFrequency();
      channels = buffer.getChannelCount();
      short[] data = buffer.getBuffer();
      for (int i = 0; i < buffer.getBufferLength(); i++) {
        out.write(data[i] & 0xff);
        out.write((data[i] >> 8) & 0xff);
      }
      stream.closeFrame();
    }
    byte[] raw = out.toByteArray();
    return new DecodedAudio(rate, channels, pcm(raw, 0, raw.length));
  }

  private static short[] pcm(byte[] bytes, int offset, int length) {
    short[] samples = new short[length / 2];
    ByteBuffer.wrap(bytes, offset, length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(samples);
    return samples;
  }
}
