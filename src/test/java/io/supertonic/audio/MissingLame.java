package io.supertonic.audio;

import java.util.List;

/** Encoders as a machine without libmp3lame sees them, for tests in other packages. */
public final class MissingLame {
  private MissingLame() {}

  public static AudioEncoders encoders() {
    return AudioEncoders.detect(
        LameLoader.forNames(List.of("no-such-mp3lame-library")), Mp3Settings.SPEECH);
  }
}
