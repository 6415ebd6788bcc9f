package io.supertonic.audio;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import java.lang.ref.Cleaner;

/**
 * Streaming Ogg Opus through libopusenc's pull API. Each chunk is written, then every page the
 * encoder can complete is flushed out, so bytes leave with each chunk instead of when the encoder's
 * default one-second page fills. The decision delay is cut from 2 s to 20 ms for the same reason.
 *
 * <p>Synchronized for the same reason as {@link Mp3Encoder}.
 */
final class OpusEncoder implements AudioEncoder {
  private static final byte[] EMPTY = new byte[0];

  /** Speech at 48 kHz mono: 48 kbit/s is transparent for the model's voices. */
  static final int BITRATE = 48_000;

  private static final int DECISION_DELAY_SAMPLES = 960;

  private final OpusEncLibrary opus;
  private final Pointer encoder;
  private final Cleaner.Cleanable release;
  private boolean finished;
  private boolean closed;

  private OpusEncoder(OpusEncLibrary opus, Pointer encoder, Cleaner cleaner) {
    this.opus = opus;
    this.encoder = encoder;
    this.release = cleaner.register(this, new NativeRelease(opus, encoder));
  }

  static OpusEncoder open(OpusEncLibrary opus, Cleaner cleaner, int sampleRate) {
    if (!AudioFormat.OPUS.supportsSampleRate(sampleRate)) {
      throw new IllegalArgumentException(
          "Opus sample rate must be " + AudioFormat.OPUS.sampleRateRule() + ", got " + sampleRate);
    }
    Pointer comments = opus.ope_comments_create();
    if (comments == null) {
      throw new IllegalStateException("ope_comments_create failed (out of memory?)");
    }
    try {
      IntByReference error = new IntByReference();
      Pointer encoder = opus.ope_encoder_create_pull(comments, sampleRate, 1, 0, error);
      if (encoder == null || error.getValue() != OpusEncLibrary.OPE_OK) {
        throw new IllegalStateException(
            "libopusenc refused "
                + sampleRate
                + " Hz mono: "
                + opus.ope_strerror(error.getValue()));
      }
      opus.ope_encoder_ctl(encoder, OpusEncLibrary.OPUS_SET_BITRATE_REQUEST, BITRATE);
      opus.ope_encoder_ctl(
          encoder, OpusEncLibrary.OPE_SET_DECISION_DELAY_REQUEST, DECISION_DELAY_SAMPLES);
      return new OpusEncoder(opus, encoder, cleaner);
    } finally {
      opus.ope_comments_destroy(comments); // the encoder keeps its own copy
    }
  }

  @Override
  public byte[] header() {
    return EMPTY; // the header pages come out with the first chunk's pages
  }

  @Override
  public synchronized byte[] encode(short[] pcm) {
    requireOpen();
    if (finished) {
      throw new IllegalStateException("Opus encoder already finished");
    }
    if (pcm.length == 0) {
      return EMPTY;
    }
    int status = opus.ope_encoder_write(encoder, pcm, pcm.length);
    if (status != OpusEncLibrary.OPE_OK) {
      throw new IllegalStateException("ope_encoder_write failed: " + opus.ope_strerror(status));
    }
    return pages();
  }

  @Override
  public synchronized byte[] finish() {
    requireOpen();
    if (finished) {
      return EMPTY;
    }
    finished = true;
    int status = opus.ope_encoder_drain(encoder);
    if (status != OpusEncLibrary.OPE_OK) {
      throw new IllegalStateException("ope_encoder_drain failed: " + opus.ope_strerror(status));
    }
    return pages();
  }

  @Override
  public synchronized void close() {
    closed = true;
    release.clean();
  }

  private byte[] pages() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PointerByReference page = new PointerByReference();
    IntByReference length = new IntByReference();
    while (opus.ope_encoder_get_page(encoder, page, length, 1) == 1) {
      out.write(page.getValue().getByteArray(0, length.getValue()), 0, length.getValue());
    }
    return out.toByteArray();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Opus encoder is closed");
    }
  }

  private record NativeRelease(OpusEncLibrary opus, Pointer encoder) implements Runnable {
    @Override
    public void run() {
      opus.ope_encoder_destroy(encoder);
    }
  }
}
