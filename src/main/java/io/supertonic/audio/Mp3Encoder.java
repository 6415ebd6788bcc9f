package io.supertonic.audio;

import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Streaming constant-bitrate mono MP3 through LAME. One native encoder per instance, released by
 * {@link #close()} (or, as a safety net, when the instance is garbage collected).
 *
 * <p>The methods are synchronized although an encoder serves one stream: a cancelled request may
 * close it from another thread while a worker is inside {@code lame_encode_buffer}, and freeing the
 * native state under a running call would crash the JVM.
 */
final class Mp3Encoder implements AudioEncoder {

  /** Sample rates MPEG-1/2/2.5 Layer III can carry; others would make LAME resample silently. */

  /** lame.h: the flush may emit up to 7200 bytes; encode needs 1.25 * samples + 7200. */
  private static final int OUTPUT_SLACK = 7200;

  private static final byte[] EMPTY = new byte[0];

  private final LameLibrary lame;
  private final Pointer flags;
  private final Cleaner.Cleanable release;
  private byte[] out = new byte[0];
  private boolean finished;
  private boolean closed;

  private Mp3Encoder(LameLibrary lame, Pointer flags, Cleaner cleaner) {
    this.lame = lame;
    this.flags = flags;
    this.release = cleaner.register(this, new NativeRelease(lame, flags));
  }

  /**
   * Opens an encoder.
   *
   * @param initLock serialises LAME's initialisation, which fills process-wide tables
   * @throws IllegalArgumentException if the rate is not an MPEG rate
   * @throws IllegalStateException if LAME rejects the parameters or cannot allocate
   */
  static Mp3Encoder open(
      LameLibrary lame, Object initLock, Cleaner cleaner, Mp3Settings settings, int sampleRate) {
    if (!AudioFormat.MPEG_SAMPLE_RATES.contains(sampleRate)) {
      throw new IllegalArgumentException(
          "MP3 sample rate must be one of "
              + new TreeSet<>(AudioFormat.MPEG_SAMPLE_RATES)
              + ", got "
              + sampleRate);
    }
    synchronized (initLock) {
      Pointer flags = lame.lame_init();
      if (flags == null) {
        throw new IllegalStateException("lame_init failed (out of memory?)");
      }
      int status = configure(lame, flags, settings, sampleRate);
      if (status < 0) {
        lame.lame_close(flags);
        throw new IllegalStateException(
            "LAME rejected the MP3 settings ("
                + settings.bitrateKbps()
                + " kbps, "
                + sampleRate
                + " Hz mono): lame_init_params returned "
                + status);
      }
      return new Mp3Encoder(lame, flags, cleaner);
    }
  }

  private static int configure(
      LameLibrary lame, Pointer flags, Mp3Settings settings, int sampleRate) {
    lame.lame_set_in_samplerate(flags, sampleRate);
    lame.lame_set_out_samplerate(flags, sampleRate);
    lame.lame_set_num_channels(flags, 1);
    lame.lame_set_mode(flags, LameLibrary.MODE_MONO);
    lame.lame_set_VBR(flags, LameLibrary.VBR_OFF);
    lame.lame_set_brate(flags, settings.bitrateKbps());
    lame.lame_set_quality(flags, settings.quality());
    // A stream cannot be rewound to patch the Xing/Info frame, and an unpatched one decodes as an
    // extra frame of silence; ID3 tags have no place in a live stream either.
    lame.lame_set_bWriteVbrTag(flags, 0);
    lame.lame_set_write_id3tag_automatic(flags, 0);
    return lame.lame_init_params(flags);
  }

  @Override
  public byte[] header() {
    return EMPTY;
  }

  @Override
  public synchronized byte[] encode(short[] pcm) {
    requireOpen();
    if (finished) {
      throw new IllegalStateException("MP3 encoder already finished");
    }
    if (pcm.length == 0) {
      return EMPTY;
    }
    int size = (int) Math.ceil(1.25 * pcm.length) + OUTPUT_SLACK;
    int written = lame.lame_encode_buffer(flags, pcm, null, pcm.length, buffer(size), size);
    return copyOut(written, "lame_encode_buffer");
  }

  @Override
  public synchronized byte[] finish() {
    requireOpen();
    if (finished) {
      return EMPTY;
    }
    finished = true;
    int written = lame.lame_encode_flush(flags, buffer(OUTPUT_SLACK), OUTPUT_SLACK);
    return copyOut(written, "lame_encode_flush");
  }

  @Override
  public synchronized void close() {
    closed = true;
    release.clean(); // runs lame_close at most once
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("MP3 encoder is closed");
    }
  }

  private byte[] buffer(int size) {
    if (out.length < size) {
      out = new byte[size];
    }
    return out;
  }

  private byte[] copyOut(int written, String call) {
    if (written < 0) {
      throw new IllegalStateException(call + " failed with LAME error " + written);
    }
    return written == 0 ? EMPTY : Arrays.copyOf(out, written);
  }

  /** Frees the native encoder; must not reference the encoder, or it would never be collected. */
  private static final class NativeRelease implements Runnable {
    private final LameLibrary lame;
    private final Pointer flags;

    NativeRelease(LameLibrary lame, Pointer flags) {
      this.lame = lame;
      this.flags = flags;
    }

    @Override
    public void run() {
      lame.lame_close(flags);
    }
  }
}
