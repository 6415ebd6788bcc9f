package io.supertonic.audio;

import java.lang.ref.Cleaner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates encoders. MP3 needs the system's LAME library (Debian: libmp3lame0); when it is missing,
 * {@link #mp3Available()} is false and wav/pcm keep working.
 */
public final class AudioEncoders {

  private static final Logger log = LoggerFactory.getLogger(AudioEncoders.class);

  static final String INSTALL_HINT =
      "MP3 output needs the LAME library: install it with 'apt-get install libmp3lame0'"
          + " (Debian/Ubuntu), 'dnf install lame-libs' (Fedora) or 'brew install lame' (macOS),"
          + " then restart. wav and pcm work without it.";

  private final LameLibrary lame;
  private final String unavailableMessage;
  private final Mp3Settings mp3Settings;
  private final Object lameInitLock = new Object();
  private final Cleaner cleaner;

  private AudioEncoders(LameLibrary lame, String unavailableMessage, Mp3Settings mp3Settings) {
    this.lame = lame;
    this.unavailableMessage = unavailableMessage;
    this.mp3Settings = mp3Settings;
    // Only MP3 holds native memory; the cleaner frees encoders a caller forgot to close.
    this.cleaner = lame == null ? null : Cleaner.create();
  }

  /** Probes for LAME once; logs one warning if it cannot be loaded. */
  public static AudioEncoders detect() {
    return detect(Mp3Settings.SPEECH);
  }

  /** Like {@link #detect()}, with explicit MP3 settings. */
  public static AudioEncoders detect(Mp3Settings mp3Settings) {
    return detect(LameLoader.system(), mp3Settings);
  }

  static AudioEncoders detect(LameLoader loader, Mp3Settings mp3Settings) {
    LameLoader.Result result = loader.load();
    if (!result.loaded()) {
      log.warn("MP3 disabled: LAME not found. {}", INSTALL_HINT);
      log.debug("LAME lookup failures: {}", result.failure());
      return new AudioEncoders(null, INSTALL_HINT, mp3Settings);
    }
    log.info(
        "MP3 encoding via LAME {} ({} kbps CBR mono, quality {})",
        result.library().get_lame_version(),
        mp3Settings.bitrateKbps(),
        mp3Settings.quality());
    return new AudioEncoders(result.library(), null, mp3Settings);
  }

  public boolean mp3Available() {
    return lame != null;
  }

  /**
   * Human-readable reason MP3 is unavailable and how to fix it (install libmp3lame0); empty when
   * MP3 is available.
   */
  public String mp3UnavailableMessage() {
    return unavailableMessage == null ? "" : unavailableMessage;
  }

  /** The encoded stream's approximate byte rate, e.g. to cut it into ~100 ms SSE events. */
  public int bytesPerSecond(AudioFormat format, int sampleRate) {
    return switch (format) {
      case MP3 -> mp3Settings.bitrateKbps() * 1000 / 8;
      default -> sampleRate * 2;
    };
  }

  /**
   * Creates an encoder for one response of 16-bit mono PCM at {@code sampleRate}.
   *
   * @throws IllegalStateException for MP3 when LAME is unavailable
   * @throws IllegalArgumentException for a non-positive rate, or an MP3 rate MPEG cannot carry
   */
  public AudioEncoder create(AudioFormat format, int sampleRate) {
    return switch (format) {
      case PCM -> {
        WavHeader.requirePositiveRate(sampleRate);
        yield new PcmEncoder(new byte[0]);
      }
      case WAV -> new PcmEncoder(WavHeader.streaming(sampleRate));
      case MP3 -> {
        if (lame == null) {
          throw new IllegalStateException(unavailableMessage);
        }
        yield Mp3Encoder.open(lame, lameInitLock, cleaner, mp3Settings, sampleRate);
      }
    };
  }
}
