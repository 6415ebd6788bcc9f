package io.supertonic.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 16-bit mono WAV file chunk by chunk and fixes the header sizes on close, so long
 * syntheses need not be held in memory. Blocking IO; not thread-safe.
 */
public final class WavFileWriter implements AutoCloseable {

  private final FileChannel channel;
  private final int sampleRate;
  private long dataBytes;
  private boolean closed;

  private WavFileWriter(FileChannel channel, int sampleRate) {
    this.channel = channel;
    this.sampleRate = sampleRate;
  }

  /** Creates (or truncates) {@code file} and writes a provisional header. */
  public static WavFileWriter open(Path file, int sampleRate) throws IOException {
    WavHeader.requirePositiveRate(sampleRate);
    FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    try {
      writeFully(channel, WavHeader.forDataSize(sampleRate, 0), 0);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return new WavFileWriter(channel, sampleRate);
  }

  /** Appends samples after those already written. */
  public void write(short[] pcm) throws IOException {
    if (closed) {
      throw new IllegalStateException("WAV writer is closed");
    }
    if (dataBytes + 2L * pcm.length > WavHeader.STREAMING_DATA_SIZE) {
      throw new IOException("WAV file would exceed the 4 GiB format limit");
    }
    writeFully(channel, Pcm16.toLittleEndian(pcm), WavHeader.SIZE + dataBytes);
    dataBytes += 2L * pcm.length;
  }

  /** Bytes of sample data written so far. */
  public long dataBytes() {
    return dataBytes;
  }

  /** Writes the final sizes into the header and closes the file; safe to call twice. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (FileChannel c = channel) {
      writeFully(c, WavHeader.forDataSize(sampleRate, dataBytes), 0);
    }
  }

  private static void writeFully(FileChannel channel, byte[] bytes, long position)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }
}
