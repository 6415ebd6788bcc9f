package io.supertonic.cli;

import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cost per item of batched synthesis at several batch sizes, in one run. Every size synthesizes the
 * same items (one text, different seeds: chunks of equal length, so the figure is batching's own
 * gain; a batch pays for its longest item, so mixed lengths waste the padding and a scheduler
 * should batch chunks of similar length), in groups of that size; the number of items is the least
 * common multiple of the sizes, so every size does exactly the same work.
 */
final class BatchBench {
  private BatchBench() {}

  static JsonObject run(
      SupertonicEngine engine,
      String voice,
      double speed,
      int steps,
      int runs,
      List<Integer> sizes,
      PrintWriter out) {
    List<String> texts =
        BenchCommand.TEXTS.stream()
            .filter(t -> t.id().equals("en-medium"))
            .map(BenchCommand.BenchText::text)
            .toList();
    int items = 1;
    for (int size : sizes) {
      if (size < 1) {
        throw new IllegalArgumentException("batch sizes must be at least 1");
      }
      items = lcm(items, size);
    }
    JsonArray rows = new JsonArray();
    double baseline = -1;
    out.printf(
        Locale.ROOT,
        "%-6s %12s %12s %14s %10s%n",
        "batch",
        "batch ms",
        "ms per item",
        "audio s per s",
        "vs batch 1");
    for (int size : sizes) {
      once(engine, voice, speed, steps, size, texts, 0, 0); // warmup: arenas and kernels per shape
      double wall = 0;
      double audio = 0;
      for (int r = 1; r <= runs; r++) {
        for (int first = 0; first < items; first += size) {
          double[] measured = once(engine, voice, speed, steps, size, texts, r, first);
          wall += measured[0];
          audio += measured[1];
        }
      }
      double perItemMs = 1e3 * wall / ((double) runs * items);
      if (baseline < 0) {
        baseline = perItemMs;
      }
      out.printf(
          Locale.ROOT,
          "%-6d %12.1f %12.1f %14.2f %9.2fx%n",
          size,
          1e3 * wall / runs / (items / size),
          perItemMs,
          audio / wall,
          baseline / perItemMs);
      rows.add(
          new JsonObject()
              .put("batch", size)
              .put("batch_ms", Math.round(1e4 * wall / runs / (items / size)) / 10.0)
              .put("ms_per_item", Math.round(perItemMs * 10) / 10.0)
              .put("audio_s_per_s", Math.round(100 * audio / wall) / 100.0)
              .put("speedup_vs_first", Math.round(100 * baseline / perItemMs) / 100.0));
    }
    out.flush();
    return new JsonObject()
        .put("total_steps", steps)
        .put("runs", runs)
        .put("items_per_run", items)
        .put("voice", voice)
        .put("batching", rows);
  }

  private static int lcm(int a, int b) {
    return a / java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).intValue() * b;
  }

  /** Wall seconds and audio seconds of one batch of first chunks. */
  private static double[] once(
      SupertonicEngine engine,
      String voice,
      double speed,
      int steps,
      int size,
      List<String> texts,
      long seed,
      int first) {
    List<SynthesisJob> jobs = new ArrayList<>();
    for (int i = first; i < first + size; i++) {
      jobs.add(
          engine.start(
              new SynthesisParams(
                  texts.get(i % texts.size()), voice, "en", speed, steps, seed * 1000 + i)));
    }
    long start = System.nanoTime();
    List<AudioChunk> chunks = engine.nextBatch(jobs);
    double wall = (System.nanoTime() - start) / 1e9;
    double audio = chunks.stream().mapToDouble(c -> c.seconds(engine.info().sampleRate())).sum();
    return new double[] {wall, audio};
  }
}
