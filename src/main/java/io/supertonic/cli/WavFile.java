package io.supertonic.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes 16-bit mono PCM as a RIFF/WAVE file or as raw little-endian samples. Kept minimal and local to
 * the synth command; streaming encoders for the server live in io.supertonic.audio.
 */
final class WavFile {
  private WavFile() {}

  static void writeWav(Path file, short[] pcm, int sampleRate) throws IOException {
    int dataBytes = pcm.length * 2;
    ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
    header.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    header.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
    header.putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
    header.putShort((short) 2).putShort((short) 16);
    header.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header.array());
      out.write(littleEndian(pcm));
    }
  }

  static void writePcm(Path file, short[] pcm) throws IOException {
    Files.write(file, littleEndian(pcm));
  }

  private static byte[] littleEndian(short[] pcm) {
    ByteBuffer buffer = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asShortBuffer().put(pcm);
    return buffer.array();
  }
}
