package io.supertonic.cli;

import io.supertonic.audio.Pcm16;
import io.supertonic.audio.WavFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the synth command writes its chunks: a WAV file with exact sizes, or raw 16-bit PCM. */
interface PcmSink extends AutoCloseable {
  void write(short[] pcm) throws IOException;

  @Override
  void close() throws IOException;

  static PcmSink wav(Path file, int sampleRate) throws IOException {
    WavFileWriter writer = WavFileWriter.open(file, sampleRate);
    return new PcmSink() {
      @Override
      public void write(short[] pcm) throws IOException {
        writer.write(pcm);
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  static PcmSink raw(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return new PcmSink() {
      @Override
      public void write(short[] pcm) throws IOException {
        out.write(Pcm16.toLittleEndian(pcm));
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
