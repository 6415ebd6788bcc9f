package io.supertonic.cli;

import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.ModelInfo;
import io.supertonic.engine.ModelLoadException;
import io.supertonic.engine.StageTimings;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.store.ModelUnavailableException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks the engine stage by stage and writes JSON.")
public final class BenchCommand implements Callable<Integer> {

  /**
   * A fixed text set: four English lengths (12 to about 180 characters) and a few other languages.
   */
  static final List<BenchText> TEXTS =
      List.of(
          new BenchText("en-short", "en", "Hello world."),
          new BenchText("en-medium", "en", "The quick brown fox jumps over the lazy dog."),
          new BenchText(
              "en-long",
              "en",
              "Supertonic runs entirely on your own machine, so nothing you type ever leaves the computer."),
          new BenchText(
              "en-xlong",
              "en",
              "Text to speech used to need a data centre. Today a small model can read a long paragraph aloud faster"
                  + " than real time on an ordinary laptop, with natural rhythm and clear pronunciation."),
          new BenchText(
              "de",
              "de",
              "Der schnelle braune Fuchs springt über den faulen Hund am frühen Morgen."),
          new BenchText(
              "es", "es", "El veloz zorro marrón salta sobre el perro perezoso en el jardín."),
          new BenchText("ko", "ko", "안녕하세요. 오늘 날씨가 정말 좋네요. 산책하기 좋은 날입니다."),
          new BenchText("ja", "ja", "こんにちは。今日はとても良い天気ですね。散歩に行きましょう。"));

  record BenchText(String id, String lang, String text) {}

  @Spec CommandSpec spec;

  @Mixin ModelOptions model = new ModelOptions();

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Measured repetitions after the warmup (default: ${DEFAULT-VALUE}).")
  int runs;


  @Option(
      names = "--total-steps",
      defaultValue = "8",
      description = "Diffusion steps (default: ${DEFAULT-VALUE}).")
  int totalSteps;

  @Option(
      names = "--voice",
      defaultValue = "F1",
      description = "Voice (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(
      names = "--speed",
      defaultValue = "1.05",
      description = "Speed (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--batch-sizes",
      split = ",",
      description =
          "Instead of the per-text table: cost per item of batched synthesis (engine.nextBatch) at"
              + " these batch sizes, e.g. 1,4,8, measured in the same run.")
  List<Integer> batchSizes;

  @Option(
      names = "--text",
      description =
          "Benchmark this English text instead of the built-in ones (repeatable), e.g. to time the"
              + " same text as another implementation.")
  List<String> customTexts;

  @Option(
      names = "--raw",
      description =
          "Instead of the per-text table: the engine against plain ONNX Runtime sessions on the same"
              + " graphs and English texts, alternating pass by pass (needs --model-dir).")
  boolean raw;

  @Option(
      names = "--out",
      defaultValue = "target/bench.json",
      description = "JSON report (default: ${DEFAULT-VALUE}).")
  Path out;

  /** Sums over all chunks and runs of one text. */
  private static final class Totals {
    double audioSeconds;
    double wallSeconds;
    double firstChunkSeconds;
    double dpSeconds;
    double teSeconds;
    double veSeconds;
    double vocoderSeconds;
    int steps;
    int chunks;
    int runs;

    void add(StageTimings t) {
      dpSeconds += t.durationPredictorNanos() / 1e9;
      teSeconds += t.textEncoderNanos() / 1e9;
      for (long s : t.stepNanos()) {
        veSeconds += s / 1e9;
        steps++;
      }
      vocoderSeconds += t.vocoderNanos() / 1e9;
      chunks++;
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter outWriter = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (runs < 1) {
      err.println("--runs must be at least 1");
      return SynthCommand.EXIT_BAD_REQUEST;
    }
    try (SupertonicEngine engine = ModelLoading.load(model)) {
      ModelInfo info = engine.info();
      String voiceId = VoiceAliases.resolve(voice, info.voices()).orElse(null);
      if (voiceId == null) {
        err.println(
            "Unknown voice '" + voice + "'; available: " + String.join(", ", info.voices()));
        return SynthCommand.EXIT_BAD_REQUEST;
      }
      List<BenchText> texts =
          customTexts != null && !customTexts.isEmpty()
              ? java.util.stream.IntStream.range(0, customTexts.size())
                  .mapToObj(i -> new BenchText("text-" + (i + 1), "en", customTexts.get(i)))
                  .toList()
              : TEXTS.stream().filter(t -> info.languages().contains(t.lang())).toList();
      if (raw) {
        if (model.source.modelDir == null) {
          err.println("--raw needs --model-dir");
          return SynthCommand.EXIT_BAD_REQUEST;
        }
        JsonObject report =
            RawOrtBench.run(
                engine,
                model.source.modelDir,
                voiceId,
                speed,
                totalSteps,
                runs,
                model.intraThreads,
                outWriter);
        Files.writeString(out, report.encodePrettily());
        outWriter.println("JSON report: " + out);
        outWriter.flush();
        return 0;
      }
      if (batchSizes != null && !batchSizes.isEmpty()) {
        JsonObject report =
            BatchBench.run(engine, voiceId, speed, totalSteps, runs, batchSizes, outWriter);
        report.put("model", info.model()).put("intra_threads", model.intraThreads);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(out, report.encodePrettily());
        outWriter.println("JSON report: " + out);
        outWriter.flush();
        return 0;
      }
      // Warmup: ONNX Runtime allocates arenas and picks kernels on the first runs of each shape.
      for (BenchText t : texts) {
        runOnce(engine, t, voiceId, 0, new Totals());
      }
      List<Totals> totals = new ArrayList<>();
      texts.forEach(t -> totals.add(new Totals()));
      for (int r = 1; r <= runs; r++) {
        for (int i = 0; i < texts.size(); i++) {
          runOnce(engine, texts.get(i), voiceId, r, totals.get(i));
        }
      }
      JsonObject report = report(info, texts, totals);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(out, report.encodePrettily());
      printTable(outWriter, info, texts, totals, report);
      outWriter.println("JSON report: " + out);
      outWriter.flush();
      return 0;
    } catch (ModelLoadException e) {
      err.println("Cannot load the model: " + e.getMessage());
      return SynthCommand.EXIT_MODEL;
    } catch (ModelUnavailableException e) {
      err.println(e.getMessage());
      return SynthCommand.EXIT_MODEL;
    }
  }

  private void runOnce(
      SupertonicEngine engine, BenchText text, String voiceId, long seed, Totals totals) {
    long start = System.nanoTime();
    SynthesisJob job =
        engine.start(
            new SynthesisParams(text.text(), voiceId, text.lang(), speed, totalSteps, seed));
    double first = -1;
    long samples = 0;
    while (job.hasNext()) {
      AudioChunk chunk = job.next();
      if (first < 0) {
        first = (System.nanoTime() - start) / 1e9;
      }
      samples += chunk.pcm().length;
      totals.add(chunk.timings());
    }
    totals.wallSeconds += (System.nanoTime() - start) / 1e9;
    totals.firstChunkSeconds += first;
    totals.audioSeconds += samples / (double) job.sampleRate();
    totals.runs++;
  }

  private JsonObject report(ModelInfo info, List<BenchText> texts, List<Totals> totals) {
    JsonArray rows = new JsonArray();
    double wall = 0;
    double audio = 0;
    double dp = 0;
    double te = 0;
    double ve = 0;
    double voc = 0;
    for (int i = 0; i < texts.size(); i++) {
      Totals t = totals.get(i);
      int n = t.runs;
      rows.add(
          new JsonObject()
              .put("id", texts.get(i).id())
              .put("lang", texts.get(i).lang())
              .put("chars", texts.get(i).text().length())
              .put("chunks", t.chunks / n)
              .put("audio_s", round(t.audioSeconds / n))
              .put("total_ms", ms(t.wallSeconds / n))
              .put("first_chunk_ms", ms(t.firstChunkSeconds / n))
              .put("rtf", round(t.wallSeconds / t.audioSeconds))
              .put("duration_predictor_ms", ms(t.dpSeconds / n))
              .put("text_encoder_ms", ms(t.teSeconds / n))
              .put("vector_estimator_ms", ms(t.veSeconds / n))
              .put("vector_estimator_step_ms", ms(t.veSeconds / Math.max(1, t.steps)))
              .put("vocoder_ms", ms(t.vocoderSeconds / n)));
      wall += t.wallSeconds;
      audio += t.audioSeconds;
      dp += t.dpSeconds;
      te += t.teSeconds;
      ve += t.veSeconds;
      voc += t.vocoderSeconds;
    }
    double stages = dp + te + ve + voc;
    return new JsonObject()
        .put("model", info.model())
        .put("providers", new JsonArray(info.providers()))
        .put("intra_threads", model.intraThreads)
        .put("total_steps", totalSteps)
        .put("speed", speed)
        .put("runs", runs)
        .put("voice", voice)
        .put("java", System.getProperty("java.version"))
        .put("available_processors", Runtime.getRuntime().availableProcessors())
        .put("texts", rows)
        .put(
            "total",
            new JsonObject()
                .put("audio_s", round(audio / runs))
                .put("synthesis_s", round(wall / runs))
                .put("rtf", round(wall / audio))
                .put("share_duration_predictor", round(dp / stages))
                .put("share_text_encoder", round(te / stages))
                .put("share_vector_estimator", round(ve / stages))
                .put("share_vocoder", round(voc / stages)));
  }

  private void printTable(
      PrintWriter w,
      ModelInfo info,
      List<BenchText> texts,
      List<Totals> totals,
      JsonObject report) {
    w.printf(
        Locale.ROOT,
        "model %s, providers %s, intra-op threads %s, %d steps, %d runs after warmup%n",
        info.model(),
        info.providers(),
        model.intraThreads == 0 ? "default" : model.intraThreads,
        totalSteps,
        runs);
    w.printf(
        Locale.ROOT,
        "%-9s %5s %7s %9s %9s %6s %7s %7s %9s %8s %8s%n",
        "text",
        "chars",
        "audio",
        "total",
        "first",
        "RTF",
        "dp",
        "te",
        "ve(all)",
        "ve/step",
        "vocoder");
    JsonArray rows = report.getJsonArray("texts");
    for (int i = 0; i < rows.size(); i++) {
      JsonObject r = rows.getJsonObject(i);
      w.printf(
          Locale.ROOT,
          "%-9s %5d %6.2fs %7.1fms %7.1fms %6.3f %5.1fms %5.1fms %7.1fms %6.1fms %6.1fms%n",
          r.getString("id"),
          r.getInteger("chars"),
          r.getDouble("audio_s"),
          r.getDouble("total_ms"),
          r.getDouble("first_chunk_ms"),
          r.getDouble("rtf"),
          r.getDouble("duration_predictor_ms"),
          r.getDouble("text_encoder_ms"),
          r.getDouble("vector_estimator_ms"),
          r.getDouble("vector_estimator_step_ms"),
          r.getDouble("vocoder_ms"));
    }
    JsonObject t = report.getJsonObject("total");
    w.printf(
        Locale.ROOT,
        "total: %.2f s audio in %.2f s, RTF %.3f; time share dp %.1f%% te %.1f%% ve %.1f%% vocoder %.1f%%%n",
        t.getDouble("audio_s"),
        t.getDouble("synthesis_s"),
        t.getDouble("rtf"),
        100 * t.getDouble("share_duration_predictor"),
        100 * t.getDouble("share_text_encoder"),
        100 * t.getDouble("share_vector_estimator"),
        100 * t.getDouble("share_vocoder"));
  }

  private static double ms(double seconds) {
    return Math.round(seconds * 1e4) / 10.0;
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
