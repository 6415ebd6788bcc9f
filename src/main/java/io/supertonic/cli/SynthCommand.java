package io.supertonic.cli;

import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelInfo;
import io.supertonic.engine.ModelLoadException;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.store.ModelStore;
import io.supertonic.store.ModelUnavailableException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "synth", mixinStandardHelpOptions = true, description = "Synthesizes text to a WAV or raw PCM file.")
public final class SynthCommand implements Callable<Integer> {
  static final int EXIT_BAD_REQUEST = 2;
  static final int EXIT_MODEL = 3;

  @Spec CommandSpec spec;

  @Mixin ModelOptions model = new ModelOptions();

  @Option(names = "--text", description = "Text to speak; read from standard input when absent.")
  String text;

  @Option(names = "--out", required = true, description = "Output file (.wav, or .pcm for raw 16-bit little-endian).")
  Path out;

  @Option(names = "--format", description = "wav or pcm (default: from the --out extension, else wav).")
  String format;

  @Option(names = "--voice", defaultValue = "F1", description = "Voice: F1-F5, M1-M5, an OpenAI alias or an extra style (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(names = "--lang", defaultValue = "en", description = "Language code (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(names = "--speed", defaultValue = "1.05", description = "Speed 0.5..2.0 (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(names = "--total-steps", defaultValue = "8", description = "Diffusion steps 1..50 (default: ${DEFAULT-VALUE}).")
  int totalSteps;

  @Option(names = "--seed", description = "Noise seed for reproducible audio; random (and printed) when absent.")
  Long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outWriter = spec.commandLine().getOut();
    boolean pcm = wantsPcm();
    String input = text != null ? text : new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
    long usedSeed = seed != null ? seed : new SecureRandom().nextLong();
    Path dir;
    try {
      dir = resolveModelDir(model);
    } catch (ModelUnavailableException e) {
      err.println(e.getMessage());
      return EXIT_MODEL;
    }
    try (SupertonicEngine engine = SupertonicEngine.load(model.toEngineOptions(dir))) {
      ModelInfo info = engine.info();
      String voiceId = VoiceAliases.resolve(voice, info.voices()).orElse(null);
      if (voiceId == null) {
        err.println("Unknown voice '" + voice + "'; available: " + String.join(", ", info.voices())
            + " or an OpenAI alias (" + String.join(", ", VoiceAliases.openAi().keySet()) + ")");
        return EXIT_BAD_REQUEST;
      }
      long start = System.nanoTime();
      List<short[]> parts = new ArrayList<>();
      SynthesisJob job = engine.start(new SynthesisParams(input, voiceId, lang, speed, totalSteps, usedSeed));
      while (job.hasNext()) {
        AudioChunk chunk = job.next();
        parts.add(chunk.pcm());
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      short[] samples = concat(parts);
      if (pcm) {
        WavFile.writePcm(out, samples);
      } else {
        WavFile.writeWav(out, samples, info.sampleRate());
      }
      double seconds = samples.length / (double) info.sampleRate();
      outWriter.printf(Locale.ROOT, "Wrote %s (%s, %d Hz mono 16-bit)%n", out, pcm ? "raw PCM" : "WAV", info.sampleRate());
      outWriter.printf(Locale.ROOT, "audio: %.3f s  synthesis: %.3f s  RTF: %.3f  chunks: %d  voice: %s  seed: %d%n",
          seconds, elapsed, seconds > 0 ? elapsed / seconds : 0.0, parts.size(), voiceId, usedSeed);
      outWriter.flush();
      return 0;
    } catch (InvalidRequestException e) {
      err.println("Invalid " + (e.param() == null ? "request" : e.param()) + ": " + e.getMessage());
      return EXIT_BAD_REQUEST;
    } catch (ModelLoadException e) {
      err.println("Cannot load the model: " + e.getMessage());
      return EXIT_MODEL;
    }
  }

  private boolean wantsPcm() {
    if (format == null) {
      return out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pcm");
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "pcm" -> true;
      case "wav" -> false;
      default -> throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Unknown --format '" + format + "'; expected wav or pcm");
    };
  }

  private static short[] concat(List<short[]> parts) {
    short[] all = new short[parts.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }

  /**
   * The model directory for a command. TODO(lead): once the store branch is merged, drop the
   * --model-dir shortcut and always use ModelStore.ensure (it verifies and downloads).
   */
  static Path resolveModelDir(ModelOptions model) throws ModelUnavailableException {
    if (model.modelDir != null && Files.isRegularFile(model.modelDir.resolve("onnx").resolve("tts.json"))) {
      return model.modelDir;
    }
    try {
      return new ModelStore().ensure(model.toModelRequest());
    } catch (UnsupportedOperationException e) {
      throw new ModelUnavailableException(
          "No model at " + model.modelDir + " and the model store is not available in this build; pass"
              + " --model-dir with a complete model directory");
    }
  }

}
