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

  static final String OPUS_INSTALL_HINT =
      "Opus output needs libopusenc: install it with 'apt-get install libopusenc0' (Debian/Ubuntu)"
          + " or 'brew install libopusenc' (macOS), then restart.";

  static final String FLAC_INSTALL_HINT =
      "FLAC output needs libFLAC: install it with 'apt-get install libflac12' (Debian 12;"
          + " libflac12t64 on Ubuntu 24.04, libflac8 on Ubuntu 22.04) or 'brew install flac'"
          + " (macOS), then restart.";

  static final String AAC_INSTALL_HINT =
      "AAC output needs the ffmpeg program: install it with 'apt-get install ffmpeg'"
          + " (Debian/Ubuntu) or 'brew install ffmpeg' (macOS), then restart.";

  /** The ffmpeg executable AAC is encoded with, looked up on the PATH. */
  static final String FFMPEG = "ffmpeg";

  private final LameLibrary lame;
  private final String unavailableMessage;
  private final Mp3Settings mp3Settings;
  private final Object lameInitLock = new Object();
  private final OpusEncLibrary opus;
  private final FlacLibrary flac;
  private final Cleaner cleaner;

  /** Resampling filters, built once per pair of rates and shared by every response. */
  private final Resamplers resamplers = new Resamplers();

  /** Starts the ffmpeg processes that encode AAC; null when no ffmpeg was found. */
  private final FfmpegProcesses ffmpeg;

  private AudioEncoders(
      LameLibrary lame,
      String unavailableMessage,
      Mp3Settings mp3Settings,
      OpusEncLibrary opus,
      FlacLibrary flac,
      String ffmpeg) {
    this.lame = lame;
    this.ffmpeg = ffmpeg == null ? null : new FfmpegProcesses(ffmpeg);
    this.unavailableMessage = unavailableMessage;
    this.mp3Settings = mp3Settings;
    this.opus = opus;
    this.flac = flac;
    // The native encoders hold native memory; the cleaner frees those a caller forgot to close.
    this.cleaner = Cleaner.create();
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
    return detect(loader, mp3Settings, OpusEncLibrary.NAMES, FlacLibrary.NAMES);
  }

  static AudioEncoders detect(
      LameLoader loader,
      Mp3Settings mp3Settings,
      java.util.List<String> opusNames,
      java.util.List<String> flacNames) {
    return detect(loader, mp3Settings, opusNames, flacNames, FFMPEG);
  }

  /** With explicit library names, so tests can prove what a machine without them answers. */
  static AudioEncoders detect(
      LameLoader loader,
      Mp3Settings mp3Settings,
      java.util.List<String> opusNames,
      java.util.List<String> flacNames,
      String ffmpegCommand) {
    String ffmpeg = FfmpegProbe.aacEncoder(ffmpegCommand).orElse(null);
    if (ffmpeg != null) {
      log.info("AAC encoding via an {} subprocess per response", ffmpegCommand);
    } else {
      log.warn("AAC disabled: no ffmpeg with the aac encoder. {}", AAC_INSTALL_HINT);
    }
    NativeLibraries.Loaded<OpusEncLibrary> opus =
        NativeLibraries.load(
            OpusEncLibrary.class, opusNames, OpusEncLibrary::ope_get_version_string);
    NativeLibraries.Loaded<FlacLibrary> flac =
        NativeLibraries.load(
            FlacLibrary.class,
            flacNames,
            lib -> lib.FLAC__stream_encoder_delete(lib.FLAC__stream_encoder_new()));
    if (opus.ok()) {
      log.info("Opus encoding via {}", opus.library().ope_get_version_string());
    } else {
      log.warn("Opus disabled: libopusenc not found. {}", OPUS_INSTALL_HINT);
      log.debug("libopusenc lookup failures: {}", opus.failure());
    }
    if (flac.ok()) {
      log.info("FLAC encoding via libFLAC");
    } else {
      log.warn("FLAC disabled: libFLAC not found. {}", FLAC_INSTALL_HINT);
      log.debug("libFLAC lookup failures: {}", flac.failure());
    }
    LameLoader.Result result = loader.load();
    if (!result.loaded()) {
      log.warn("MP3 disabled: LAME not found. {}", INSTALL_HINT);
      log.debug("LAME lookup failures: {}", result.failure());
      return new AudioEncoders(
          null, INSTALL_HINT, mp3Settings, opus.library(), flac.library(), ffmpeg);
    }
    log.info(
        "MP3 encoding via LAME {} ({} kbps CBR mono, quality {})",
        result.library().get_lame_version(),
        mp3Settings.bitrateKbps(),
        mp3Settings.quality());
    return new AudioEncoders(
        result.library(), null, mp3Settings, opus.library(), flac.library(), ffmpeg);
  }

  /**
   * Why {@code format} cannot be produced here and which package to install; empty when it can.
   * Requests for it get a 400 with this message, and the server keeps serving the others.
   */
  public java.util.Optional<String> unavailable(AudioFormat format) {
    return java.util.Optional.ofNullable(
        switch (format) {
          case MP3 -> lame == null ? INSTALL_HINT : null;
          case OPUS -> opus == null ? OPUS_INSTALL_HINT : null;
          case FLAC -> flac == null ? FLAC_INSTALL_HINT : null;
          case AAC -> ffmpeg == null ? AAC_INSTALL_HINT : null;
          case WAV, PCM -> null;
        });
  }

  /**
   * ffmpeg processes started ahead of AAC requests and waiting for one; any other ffmpeg child of
   * this JVM is encoding a response.
   */
  public java.util.Set<Long> spareAacProcesses() {
    return ffmpeg == null ? java.util.Set.of() : ffmpeg.sparePids();
  }

  /** Where responses at another rate than the model's get their resampler. */
  public Resamplers resamplers() {
    return resamplers;
  }

  /**
   * Starts the AAC spare ffmpeg for {@code sampleRate} in the background (no-op without ffmpeg):
   * otherwise the first AAC response waits for an ffmpeg start (50..200 ms).
   */
  public void prestartAac(int sampleRate) {
    if (ffmpeg != null) {
      ffmpeg.prestart(sampleRate);
    }
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
      case OPUS -> OpusEncoder.BITRATE / 8;
      case AAC -> AacEncoder.BITRATE / 8;
      case FLAC -> sampleRate; // speech compresses to about half of the 16-bit PCM rate
      case WAV, PCM -> sampleRate * 2;
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
      case OPUS -> {
        if (opus == null) {
          throw new IllegalStateException(OPUS_INSTALL_HINT);
        }
        yield OpusEncoder.open(opus, cleaner, sampleRate);
      }
      case FLAC -> {
        if (flac == null) {
          throw new IllegalStateException(FLAC_INSTALL_HINT);
        }
        yield FlacEncoder.open(flac, cleaner, sampleRate);
      }
      case AAC -> {
        if (ffmpeg == null) {
          throw new IllegalStateException(AAC_INSTALL_HINT);
        }
        yield AacEncoder.open(ffmpeg, sampleRate);
      }
    };
  }
}
