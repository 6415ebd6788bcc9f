package io.supertonic.audio;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import java.util.List;

/**
 * The part of libFLAC's stream encoder API (FLAC/stream_encoder.h, 1.3/1.4) we use, bound through
 * JNA. FLAC__bool is an int; the encoder is an opaque pointer.
 */
interface FlacLibrary extends Library {
  /** Debian/Ubuntu sonames (libflac12 / libflac8) and Homebrew paths. */
  List<String> NAMES =
      List.of(
          "FLAC",
          "libFLAC.so.12",
          "libFLAC.so.8",
          "/opt/homebrew/lib/libFLAC.dylib",
          "/usr/local/lib/libFLAC.dylib");

  int INIT_STATUS_OK = 0;
  int WRITE_STATUS_OK = 0;
  int WRITE_STATUS_FATAL_ERROR = 1;

  /** Receives each encoded piece (the header at init, then frames) as it is produced. */
  interface WriteCallback extends Callback {
    int invoke(
        Pointer encoder,
        Pointer buffer,
        NativeLong bytes,
        int samples,
        int currentFrame,
        Pointer clientData);
  }

  Pointer FLAC__stream_encoder_new();

  int FLAC__stream_encoder_set_channels(Pointer encoder, int channels);

  int FLAC__stream_encoder_set_bits_per_sample(Pointer encoder, int bits);

  int FLAC__stream_encoder_set_sample_rate(Pointer encoder, int rate);

  int FLAC__stream_encoder_set_compression_level(Pointer encoder, int level);

  int FLAC__stream_encoder_set_streamable_subset(Pointer encoder, int streamable);

  int FLAC__stream_encoder_init_stream(
      Pointer encoder,
      WriteCallback write,
      Pointer seek,
      Pointer tell,
      Pointer metadata,
      Pointer clientData);

  int FLAC__stream_encoder_process_interleaved(Pointer encoder, int[] buffer, int samples);

  int FLAC__stream_encoder_finish(Pointer encoder);

  void FLAC__stream_encoder_delete(Pointer encoder);
}
