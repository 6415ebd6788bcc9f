package io.supertonic.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes complete WAV files whose header carries the exact sizes. Blocking IO. */
public final class WavFiles {

  private WavFiles() {}

  /** Writes {@code pcm} as a 16-bit mono WAV file, replacing any existing file. */
  public static void write(Path file, short[] pcm, int sampleRate) throws IOException {
    byte[] header = WavHeader.forDataSize(sampleRate, 2L * pcm.length);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(header);
      out.write(Pcm16.toLittleEndian(pcm));
    }
  }
}
