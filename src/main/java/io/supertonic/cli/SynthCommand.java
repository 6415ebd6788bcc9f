package io.supertonic.cli;

import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelInfo;
import io.supertonic.engine.ModelLoadException;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = "Synthesizes text to a WAV or raw PCM file.")
public final class SynthCommand implements Callable<Integer> {
  static final int EXIT_BAD_REQUEST = 2;
  static final int EXIT_MODEL = 1;

  @Spec CommandSpec spec;

  @Mixin ModelOptions model = new ModelOptions();

  @Option(names = "--text", description = "Text to speak; read from standard input when absent.")
  String text;

  @Option(
      names = "--out",
      required = true,
      description = "Output file (.wav, or .pcm for raw 16-bit little-endian).")
  Path out;

  @Option(
      names = "--format",
      description = "wav or pcm (default: from the --out extension, else wav).")
  String format;

  @Option(
      names = "--voice",
      defaultValue = "F1",
      description =
          "Voice: F1-F5, M1-M5, an OpenAI alias or an extra style (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(
      names = "--lang",
      defaultValue = "en",
      description = "Language code (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(
      names = "--speed",
      defaultValue = "1.05",
      description = "Speed 0.5..2.0 (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--total-steps",
      defaultValue = "8",
      description = "Diffusion steps 1..50 (default: ${DEFAULT-VALUE}).")
  int totalSteps;

  @Option(
      names = "--seed",
      description = "Noise seed for reproducible audio; random (and printed) when absent.")
  Long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    boolean pcm = wantsPcm();
    requireWritable(out);
    String input =
        text != null ? text : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    long usedSeed = seed != null ? seed : new SecureRandom().nextLong();
    try (SupertonicEngine engine = ModelLoading.load(model)) {
      ModelInfo info = engine.info();
      String voiceId = VoiceAliases.resolve(voice, info.voices()).orElse(null);
      if (voiceId == null) {
        err.println(
            "error: unknown voice '"
                + voice
                + "'; available: "
                + String.join(", ", info.voices())
                + " or an OpenAI alias ("
                + String.join(", ", VoiceAliases.openAi().keySet())
                + ")");
        return EXIT_BAD_REQUEST;
      }
      long start = System.nanoTime();
      SynthesisJob job =
          engine.start(new SynthesisParams(input, voiceId, lang, speed, totalSteps, usedSeed));
      long samples = 0;
      int chunks = 0;
      // Written chunk by chunk, so a long text never needs its whole audio in memory.
      try (PcmSink sink = pcm ? PcmSink.raw(out) : PcmSink.wav(out, info.sampleRate())) {
        while (job.hasNext()) {
          AudioChunk chunk = job.next();
          sink.write(chunk.pcm());
          samples += chunk.pcm().length;
          chunks++;
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      double seconds = samples / (double) info.sampleRate();
      outWriter.printf(
          Locale.ROOT,
          "Wrote %s (%s, %d Hz mono 16-bit)%n",
          out,
          pcm ? "raw PCM" : "WAV",
          info.sampleRate());
      outWriter.printf(
          Locale.ROOT,
          "audio: %.3f s  synthesis: %.3f s  RTF: %.3f  chunks: %d  voice: %s  seed: %d%n",
          seconds,
          elapsed,
          seconds > 0 ? elapsed / seconds : 0.0,
          chunks,
          voiceId,
          usedSeed);
      outWriter.flush();
      return 0;
    } catch (InvalidRequestException e) {
      err.println(
          "error: invalid " + (e.param() == null ? "request" : e.param()) + ": " + e.getMessage());
      return EXIT_BAD_REQUEST;
    } catch (ModelLoadException e) {
      err.println("error: cannot load the model: " + e.getMessage());
      return EXIT_MODEL;
    }
  }

  /** Checked before the model loads, so a wrong --out costs no waiting. */
  private static void requireWritable(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !java.nio.file.Files.isDirectory(parent)) {
      throw new UserError(
          "cannot write " + file + ": the directory " + parent + " does not exist (check --out)");
    }
    if (!java.nio.file.Files.isWritable(parent)
        || (java.nio.file.Files.exists(file) && !java.nio.file.Files.isWritable(file))) {
      throw new UserError("cannot write " + file + ": permission denied (choose another --out)");
    }
  }

  private boolean wantsPcm() {
    if (format == null) {
      return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pcm");
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "pcm" -> true;
      case "wav" -> false;
      default ->
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "Unknown --format '" + format + "'; expected wav or pcm");
    };
  }
}
