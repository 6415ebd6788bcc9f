package io.supertonic.audio;

import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.lang.ref.Cleaner;

/**
 * Streaming 16-bit mono FLAC through libFLAC's stream encoder. libFLAC hands every frame to a write
 * callback as soon as a block (4096 samples, ~93 ms at 44.1 kHz) is full, so bytes leave with each
 * chunk. Without a seek callback the STREAMINFO header keeps "unknown" length and MD5, which is
 * what a live stream has; decoders read to the end.
 *
 * <p>Synchronized for the same reason as {@link Mp3Encoder}: a cancel may close it from another
 * thread while a worker is inside libFLAC.
 */
final class FlacEncoder implements AudioEncoder {
  private static final byte[] EMPTY = new byte[0];
  private static final int COMPRESSION_LEVEL = 5;

  private final FlacLibrary flac;
  private final Pointer encoder;
  private final ByteArrayOutputStream produced;
  // Held strongly: libFLAC keeps the function pointer, JNA must not collect it.
  private final FlacLibrary.WriteCallback callback;
  private final Cleaner.Cleanable release;
  private final byte[] header;
  private boolean finished;
  private boolean closed;

  private FlacEncoder(FlacLibrary flac, Pointer encoder, Cleaner cleaner, int sampleRate) {
    this.flac = flac;
    this.encoder = encoder;
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    this.produced = sink;
    FlacLibrary.WriteCallback write =
        (enc, buffer, bytes, samples, frame, client) -> {
          int length = (int) bytes.longValue();
          sink.write(buffer.getByteArray(0, length), 0, length);
          return FlacLibrary.WRITE_STATUS_OK;
        };
    this.callback = write;
    // The cleaning action keeps the callback reachable: deleting an unfinished encoder calls it.
    this.release = cleaner.register(this, new NativeRelease(flac, encoder, write));
    flac.FLAC__stream_encoder_set_channels(encoder, 1);
    flac.FLAC__stream_encoder_set_bits_per_sample(encoder, 16);
    flac.FLAC__stream_encoder_set_sample_rate(encoder, sampleRate);
    flac.FLAC__stream_encoder_set_compression_level(encoder, COMPRESSION_LEVEL);
    flac.FLAC__stream_encoder_set_streamable_subset(encoder, 1);
    int status = flac.FLAC__stream_encoder_init_stream(encoder, callback, null, null, null, null);
    if (status != FlacLibrary.INIT_STATUS_OK) {
      release.clean();
      throw new IllegalStateException(
          "libFLAC refused " + sampleRate + " Hz mono 16-bit (init status " + status + ")");
    }
    this.header = drain(); // "fLaC" and STREAMINFO, written during init
  }

  static FlacEncoder open(FlacLibrary flac, Cleaner cleaner, int sampleRate) {
    WavHeader.requirePositiveRate(sampleRate);
    Pointer encoder = flac.FLAC__stream_encoder_new();
    if (encoder == null) {
      throw new IllegalStateException("FLAC__stream_encoder_new failed (out of memory?)");
    }
    return new FlacEncoder(flac, encoder, cleaner, sampleRate);
  }

  @Override
  public byte[] header() {
    return header.clone();
  }

  @Override
  public synchronized byte[] encode(short[] pcm) {
    requireOpen();
    if (finished) {
      throw new IllegalStateException("FLAC encoder already finished");
    }
    if (pcm.length == 0) {
      return EMPTY;
    }
    int[] widened = new int[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      widened[i] = pcm[i];
    }
    if (flac.FLAC__stream_encoder_process_interleaved(encoder, widened, pcm.length) == 0) {
      throw new IllegalStateException("FLAC__stream_encoder_process_interleaved failed");
    }
    return drain();
  }

  @Override
  public synchronized byte[] finish() {
    requireOpen();
    if (finished) {
      return EMPTY;
    }
    finished = true;
    flac.FLAC__stream_encoder_finish(encoder);
    return drain();
  }

  @Override
  public synchronized void close() {
    closed = true;
    release.clean();
  }

  /** Frees the native encoder; must not reference the encoder object itself. */
  private record NativeRelease(FlacLibrary flac, Pointer encoder, FlacLibrary.WriteCallback write)
      implements Runnable {
    @Override
    public void run() {
      flac.FLAC__stream_encoder_delete(encoder);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("FLAC encoder is closed");
    }
  }

  private byte[] drain() {
    byte[] bytes = produced.toByteArray();
    produced.reset();
    return bytes;
  }
}
