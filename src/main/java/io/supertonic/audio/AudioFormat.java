package io.supertonic.audio;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Response formats the server can produce. */
public enum AudioFormat {
  MP3("mp3", "audio/mpeg"),
  WAV("wav", "audio/wav"),
  PCM("pcm", "audio/pcm"),
  /** Ogg Opus, always at an Opus rate (48 kHz unless the request asks for less). */
  OPUS("opus", "audio/ogg"),
  FLAC("flac", "audio/flac"),
  /** AAC-LC in ADTS frames, encoded by an ffmpeg subprocess. */
  AAC("aac", "audio/aac");

  /**
   * OpenAI formats we recognise but do not produce yet; they get a 400 that lists {@link #ids()}.
   */
  public static final List<String> NOT_YET_SUPPORTED = List.of();

  /** Rates an Opus stream is coded at; anything else would be resampled by the decoder anyway. */
  public static final Set<Integer> OPUS_SAMPLE_RATES = Set.of(8000, 12000, 16000, 24000, 48000);

  /** Rates MPEG-1/2/2.5 Layer III can carry. */
  public static final Set<Integer> MPEG_SAMPLE_RATES =
      Set.of(8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000);

  /** Output rates offered for resampled PCM and WAV. */
  public static final int MIN_PCM_RATE = 8000;

  public static final int MAX_PCM_RATE = 48000;

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

  /** Whether this format can be produced at {@code sampleRate} Hz. */
  public boolean supportsSampleRate(int sampleRate) {
    return switch (this) {
        // ADTS signals one of MPEG-4's listed rates; ffmpeg refuses the others.
      case MP3, AAC -> MPEG_SAMPLE_RATES.contains(sampleRate);
      case OPUS -> OPUS_SAMPLE_RATES.contains(sampleRate);
      default -> sampleRate >= MIN_PCM_RATE && sampleRate <= MAX_PCM_RATE;
    };
  }

  /** The rates {@link #supportsSampleRate} accepts, for error messages. */
  public String sampleRateRule() {
    return switch (this) {
      case MP3, AAC -> "one of " + new TreeSet<>(MPEG_SAMPLE_RATES);
      case OPUS -> "one of " + new TreeSet<>(OPUS_SAMPLE_RATES);
      default -> "between " + MIN_PCM_RATE + " and " + MAX_PCM_RATE;
    };
  }

  /**
   * The rate a response of this format comes at when the request names none; 0 keeps the model's.
   * Raw pcm comes at the server's {@code pcmRate} (--pcm-sample-rate; 0: the model's). Opus codes
   * at 48 kHz, so the model's 44.1 kHz is resampled before it.
   */
  public int defaultSampleRate(int pcmRate) {
    return this == PCM ? Math.max(0, pcmRate) : this == OPUS ? 48000 : 0;
  }

  /** Whether encoding costs enough CPU to run off the event loop. */
  public boolean encodesOffTheEventLoop() {
    // AAC blocks on the ffmpeg pipe until a chunk's frames are out.
    return this == MP3 || this == OPUS || this == FLAC || this == AAC;
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
