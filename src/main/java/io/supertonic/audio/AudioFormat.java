package io.supertonic.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Response formats the server can produce. */
public enum AudioFormat {
  MP3("mp3", "audio/mpeg"),
  WAV("wav", "audio/wav"),
  PCM("pcm", "audio/pcm");

  /** OpenAI formats we recognise but do not produce yet; they get a 400 that lists {@link #ids()}. */
  public static final List<String> NOT_YET_SUPPORTED = List.of("opus", "aac", "flac");

  private final String id;
  private final String contentType;

  AudioFormat(String id, String contentType) {
    this.id = id;
    this.contentType = contentType;
  }

  public String id() {
    return id;
  }

  public String contentType() {
    return contentType;
  }

  public static Optional<AudioFormat> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.id.equals(wanted)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(AudioFormat::id).toList();
  }
}
