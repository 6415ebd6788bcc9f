package io.supertonic.audio;

import java.util.List;

/**
 * Encoders as a machine without libopusenc, libFLAC and ffmpeg sees them, for tests in other
 * packages.
 */
public final class MissingCodecs {
  private MissingCodecs() {}

  public static AudioEncoders encoders() {
    return AudioEncoders.detect(
        LameLoader.system(),
        Mp3Settings.SPEECH,
        List.of("no-such-opusenc-library"),
        List.of("no-such-flac-library"),
        "no-such-ffmpeg-program");
  }
}
