package io.supertonic.audio;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The part of LAME's C API (lame.h, 3.100) we use, bound through JNA. The {@code Pointer} is the
 * opaque {@code lame_global_flags*}; every function returns a negative value on error unless noted.
 */
interface LameLibrary extends Library {

  /** {@code MPEG_mode} value for single-channel output. */
  int MODE_MONO = 3;

  /** {@code vbr_mode} value for constant bitrate. */
  int VBR_OFF = 0;

  /** Returns null when out of memory. */
  Pointer lame_init();

  int lame_set_in_samplerate(Pointer gfp, int rate);

  int lame_set_out_samplerate(Pointer gfp, int rate);

  int lame_set_num_channels(Pointer gfp, int channels);

  int lame_set_mode(Pointer gfp, int mode);

  int lame_set_VBR(Pointer gfp, int vbrMode);

  int lame_set_brate(Pointer gfp, int kbps);

  int lame_set_quality(Pointer gfp, int quality);

  int lame_set_bWriteVbrTag(Pointer gfp, int write);

  void lame_set_write_id3tag_automatic(Pointer gfp, int write);

  int lame_init_params(Pointer gfp);

  /** Returns the number of bytes written to {@code mp3buf}; {@code right} may be null for mono. */
  int lame_encode_buffer(
      Pointer gfp, short[] left, short[] right, int samples, byte[] mp3buf, int mp3bufSize);

  int lame_encode_flush(Pointer gfp, byte[] mp3buf, int size);

  int lame_close(Pointer gfp);

  String get_lame_version();
}
