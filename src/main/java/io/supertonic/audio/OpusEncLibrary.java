package io.supertonic.audio;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * The part of libopusenc's API (opusenc.h, 0.2) we use, bound through JNA: the pull interface,
 * which hands out finished Ogg pages instead of writing to a file.
 */
interface OpusEncLibrary extends Library {
  /** Debian/Ubuntu soname (libopusenc0) and Homebrew paths. */
  List<String> NAMES =
      List.of(
          "opusenc",
          "libopusenc.so.0",
          "/opt/homebrew/lib/libopusenc.dylib",
          "/usr/local/lib/libopusenc.dylib");

  int OPE_OK = 0;
  int OPUS_SET_BITRATE_REQUEST = 4002;
  int OPE_SET_DECISION_DELAY_REQUEST = 14000;

  String ope_get_version_string();

  Pointer ope_comments_create();

  void ope_comments_destroy(Pointer comments);

  Pointer ope_encoder_create_pull(
      Pointer comments, int rate, int channels, int family, IntByReference error);

  int ope_encoder_ctl(Pointer encoder, int request, Object... args);

  int ope_encoder_write(Pointer encoder, short[] pcm, int samplesPerChannel);

  int ope_encoder_get_page(
      Pointer encoder, PointerByReference page, IntByReference length, int flush);

  int ope_encoder_drain(Pointer encoder);

  void ope_encoder_destroy(Pointer encoder);

  String ope_strerror(int error);
}
