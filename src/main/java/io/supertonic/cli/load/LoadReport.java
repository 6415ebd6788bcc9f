package io.supertonic.cli.load;

import io.supertonic.metrics.Percentiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Aggregates of one phase of a load run, as JSON and as a row of docs/BENCHMARKS.md's table. */
public final class LoadReport {
  public static final String MARKDOWN_HEADER =
      "| run | transport | load | ok / rejected / errors | TTFB p50 / p95 / p99 | queue p95 |"
          + " total p50 | throughput (audio s per s) | vs serial | streams with underrun |\n"
          + "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

  private LoadReport() {}

  public static JsonObject phase(LoadRunner.Phase phase) {
    List<RequestResult> all = phase.results();
    List<RequestResult> ok = all.stream().filter(RequestResult::ok).toList();
    double audio = ok.stream().mapToDouble(RequestResult::audioSeconds).sum();
    long underrunStreams = ok.stream().filter(r -> r.underruns() > 0).count();
    JsonArray errors = new JsonArray();
    all.stream()
        .filter(r -> !r.ok() && r.error() != null)
        .map(RequestResult::error)
        .distinct()
        .limit(5)
        .forEach(errors::add);
    return new JsonObject()
        .put("requests", all.size())
        .put("ok", ok.size())
        .put("rejected", all.stream().filter(r -> r.status().equals("rejected")).count())
        .put("errors", all.stream().filter(r -> r.status().equals("error")).count())
        .put("wall_s", round(phase.wallSeconds(), 3))
        .put("audio_s", round(audio, 3))
        .put("throughput", round(audio / phase.wallSeconds(), 4))
        .put("requests_per_s", round(ok.size() / phase.wallSeconds(), 4))
        .put("ttfb_ms", stats(ok, RequestResult::ttfbMs))
        .put(
            "queue_ms",
            stats(ok.stream().filter(r -> r.queueMs() >= 0).toList(), RequestResult::queueMs))
        .put("total_ms", stats(ok, RequestResult::totalMs))
        .put("underrun_streams", underrunStreams)
        .put("underrun_rate", ok.isEmpty() ? 0.0 : round(underrunStreams / (double) ok.size(), 4))
        .put("underrun_events", ok.stream().mapToInt(RequestResult::underruns).sum())
        .put("gap_s", round(ok.stream().mapToDouble(RequestResult::gapSeconds).sum(), 3))
        .put("error_samples", errors);
  }

  /** One table row; {@code serial} may be null when no baseline ran. */
  public static String markdownRow(
      String label, String transport, String load, JsonObject phase, JsonObject serial) {
    JsonObject ttfb = phase.getJsonObject("ttfb_ms");
    JsonObject queue = phase.getJsonObject("queue_ms");
    String ratio =
        serial == null || serial.getDouble("throughput") == 0
            ? "n/a"
            : String.format(
                Locale.ROOT,
                "%.2fx",
                phase.getDouble("throughput") / serial.getDouble("throughput"));
    return String.format(
        Locale.ROOT,
        "| %s | %s | %s | %d / %d / %d | %.0f / %.0f / %.0f ms | %s | %.0f ms | %.3f | %s | %.1f%% (%d) |",
        label,
        transport,
        load,
        phase.getInteger("ok"),
        phase.getLong("rejected"),
        phase.getLong("errors"),
        ttfb.getDouble("p50"),
        ttfb.getDouble("p95"),
        ttfb.getDouble("p99"),
        queue.getInteger("count") == 0
            ? "n/a"
            : String.format(Locale.ROOT, "%.0f ms", queue.getDouble("p95")),
        phase.getJsonObject("total_ms").getDouble("p50"),
        phase.getDouble("throughput"),
        ratio,
        100 * phase.getDouble("underrun_rate"),
        phase.getLong("underrun_streams"));
  }

  private static JsonObject stats(List<RequestResult> results, ToDoubleFunction<RequestResult> f) {
    return Percentiles.of(results.stream().mapToDouble(f).toArray(), 1).toJson();
  }

  private static double round(double v, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(v * scale) / scale;
  }
}
