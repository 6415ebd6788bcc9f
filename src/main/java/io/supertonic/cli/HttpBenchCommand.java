package io.supertonic.cli;

import io.supertonic.audio.AudioFormat;
import io.supertonic.cli.load.ServerTiming;
import io.supertonic.metrics.Percentiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures a running server from the outside: time to first byte and total time as a client sees
 * them, and, from the {@code Server-Timing} header, how much of the first byte's wait was the model
 * (the first chunk's synthesis, the queue) and how much the server itself (HTTP, event bus,
 * encoding). With several formats ({@code --formats pcm,wav,mp3}) the requests alternate between
 * them, so each format sees the same machine load; the first request of each format is reported on
 * its own, since on a freshly started server it is the one that pays anything not warmed up.
 *
 * <p>The client is a plain socket ({@link TimedHttpConnection}), warmed on {@code GET /health}
 * before the first speech request, so what it adds to a time to first byte is a read from a socket.
 */
@Command(
    name = "bench-http",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks a running server over HTTP (TTFB, total, server overhead per format) and writes"
            + " JSON.")
public final class HttpBenchCommand implements Callable<Integer> {
  /** Requests to /health per connection before any speech request: the client's own JIT warm-up. */
  private static final int CLIENT_WARMUP_REQUESTS = 200;

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8000",
      description = "Server base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--requests",
      defaultValue = "40",
      description =
          "Measured requests per format, after each format's first request (default:"
              + " ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--concurrency",
      defaultValue = "1",
      description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--format",
      defaultValue = "pcm",
      description = "Response format when --formats is not given (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--formats",
      split = ",",
      paramLabel = "FORMAT[,FORMAT...]",
      description =
          "Several response formats in one run, e.g. pcm,wav,mp3,opus,flac,aac: requests alternate"
              + " between them and each gets its own figures. Overrides --format.")
  List<String> formats;

  @Option(
      names = "--voice",
      defaultValue = "alloy",
      description = "Voice (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(
      names = "--out",
      defaultValue = "target/bench-http.json",
      description = "JSON report (default: ${DEFAULT-VALUE}).")
  Path out;

  /** One timed speech request. */
  record Sample(
      String format,
      String text,
      double ttfbMs,
      double totalMs,
      long bytes,
      double queueMs,
      double synthMs,
      double serverMs) {
    /** What the issue calls the server's overhead: TTFB minus the first chunk's synthesis. */
    double overheadMs() {
      return synthMs < 0 ? -1 : ttfbMs - synthMs;
    }

    /** The same without the worker's queue wait: what remains when requests overlap. */
    double overheadExclQueueMs() {
      return synthMs < 0 ? -1 : ttfbMs - synthMs - Math.max(0, queueMs);
    }

    JsonObject toJson() {
      return new JsonObject()
          .put("format", format)
          .put("chars", text.length())
          .put("ttfb_ms", round(ttfbMs))
          .put("total_ms", round(totalMs))
          .put("bytes", bytes)
          .put("queue_ms", queueMs)
          .put("first_chunk_synth_ms", synthMs)
          .put("server_ms", serverMs)
          .put("overhead_ms", round(overheadMs()))
          .put("server_overhead_ms", round(overheadExclQueueMs()));
    }
  }

  /** A request the server did not answer with audio: the run stops with the server's answer. */
  static final class BenchFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchFailure(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (requests < 1 || concurrency < 1) {
      stderr.println("--requests and --concurrency must be at least 1");
      return SynthCommand.EXIT_BAD_REQUEST;
    }
    List<String> chosen = formats == null || formats.isEmpty() ? List.of(format) : formats;
    for (String f : chosen) {
      if (AudioFormat.parse(f).isEmpty()) {
        stderr.println("Unknown response format '" + f + "'");
        return SynthCommand.EXIT_BAD_REQUEST;
      }
    }
    URI base = URI.create(url);
    List<String> texts =
        BenchCommand.TEXTS.stream()
            .filter(t -> t.lang().equals("en"))
            .map(BenchCommand.BenchText::text)
            .toList();
    BlockingQueue<TimedHttpConnection> connections = new ArrayBlockingQueue<>(concurrency);
    Map<String, Sample> first = new LinkedHashMap<>();
    Map<String, List<Sample>> measured = new LinkedHashMap<>();
    chosen.forEach(f -> measured.put(f, new ArrayList<>()));
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      for (int i = 0; i < concurrency; i++) {
        TimedHttpConnection connection = new TimedHttpConnection(base);
        // The client's own code gets compiled here, on a route that does not warm the speech path.
        for (int k = 0; k < CLIENT_WARMUP_REQUESTS; k++) {
          connection.get("/health");
        }
        connections.add(connection);
      }
      // Each format's first speech request, one at a time: on a fresh server, its cold start.
      TimedHttpConnection one = connections.take();
      for (String f : chosen) {
        first.put(f, measure(one, f, texts.get(1)));
      }
      connections.add(one);
      List<Future<Sample>> pending = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String text = texts.get(i % texts.size());
        for (String f : chosen) {
          pending.add(
              pool.submit(
                  () -> {
                    TimedHttpConnection c = connections.take();
                    try {
                      return measure(c, f, text);
                    } finally {
                      connections.add(c);
                    }
                  }));
        }
      }
      for (Future<Sample> f : pending) {
        Sample sample = f.get();
        measured.get(sample.format()).add(sample);
      }
    } catch (BenchFailure e) {
      stderr.println(e.getMessage());
      return 1;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BenchFailure failure) {
        stderr.println(failure.getMessage());
        return 1;
      }
      throw e;
    } finally {
      pool.shutdownNow();
      connections.forEach(TimedHttpConnection::close);
    }
    JsonObject report = report(chosen, first, measured);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, report.encodePrettily());
    print(stdout, chosen, report);
    stdout.printf("JSON report: %s%n", out);
    stdout.flush();
    return 0;
  }

  private void print(PrintWriter stdout, List<String> chosen, JsonObject report) {
    stdout.printf(
        Locale.ROOT,
        "%d requests per format (after a first request each), concurrency %d, against %s%n",
        requests,
        concurrency,
        url);
    stdout.println(
        "overhead = TTFB - first chunk's synthesis (Server-Timing synth;dur); all in ms");
    stdout.printf(
        Locale.ROOT,
        "%-6s %10s %10s %18s %18s %10s %10s %18s%n",
        "format",
        "first ttfb",
        "first ovh",
        "overhead p50/p95",
        "ttfb p50/p95",
        "synth p50",
        "queue p50",
        "ovh-queue p50/p95");
    for (String f : chosen) {
      JsonObject r = report.getJsonObject("by_format").getJsonObject(f);
      JsonObject firstRequest = r.getJsonObject("first_request");
      stdout.printf(
          Locale.ROOT,
          "%-6s %10.1f %10.1f %18s %18s %10.1f %10.1f %18s%n",
          f,
          firstRequest.getDouble("ttfb_ms"),
          firstRequest.getDouble("overhead_ms"),
          pair(r.getJsonObject("overhead_ms")),
          pair(r.getJsonObject("ttfb_ms")),
          r.getJsonObject("first_chunk_synth_ms").getDouble("p50"),
          r.getJsonObject("queue_ms").getDouble("p50"),
          pair(r.getJsonObject("server_overhead_ms")));
    }
    stdout.println(
        "Markdown (format | first-request overhead | overhead p50 / p95 | TTFB p50 / p95):");
    for (String f : chosen) {
      JsonObject r = report.getJsonObject("by_format").getJsonObject(f);
      stdout.printf(
          Locale.ROOT,
          "| %s | %.1f ms | %s ms | %s ms |%n",
          f,
          r.getJsonObject("first_request").getDouble("overhead_ms"),
          pair(r.getJsonObject("overhead_ms")).replace("/", " / "),
          pair(r.getJsonObject("ttfb_ms")).replace("/", " / "));
    }
  }

  private static String pair(JsonObject p) {
    return String.format(Locale.ROOT, "%.1f/%.1f", p.getDouble("p50"), p.getDouble("p95"));
  }

  private Sample measure(TimedHttpConnection connection, String f, String text) throws Exception {
    String body =
        new JsonObject().put("input", text).put("voice", voice).put("response_format", f).encode();
    TimedHttpConnection.Timed timed = connection.postJson(io.supertonic.http.HttpVerticle.SPEECH_PATH, body);
    if (timed.status() != 200) {
      throw new BenchFailure(
          "format "
              + f
              + ": HTTP "
              + timed.status()
              + ": "
              + new String(timed.smallBody(), StandardCharsets.UTF_8));
    }
    String timing = timed.header("Server-Timing");
    return new Sample(
        f,
        text,
        timed.ttfbMs(),
        timed.totalMs(),
        timed.bodyBytes(),
        ServerTiming.durationMs(timing, "queue"),
        ServerTiming.durationMs(timing, "synth"),
        ServerTiming.durationMs(timing, "server"));
  }

  private JsonObject report(
      List<String> chosen, Map<String, Sample> first, Map<String, List<Sample>> measured) {
    JsonObject byFormat = new JsonObject();
    for (String f : chosen) {
      byFormat.put(f, formatReport(first.get(f), measured.get(f)));
    }
    JsonObject report =
        new JsonObject()
            .put("url", url)
            .put("formats", new JsonArray(new ArrayList<>(chosen)))
            .put("requests", requests)
            .put("concurrency", concurrency)
            .put(
                "definition",
                "ttfb: from writing the request to the first body byte read, over a warmed"
                    + " keep-alive socket; overhead_ms: ttfb - first_chunk_synth_ms (Server-Timing"
                    + " synth;dur); server_overhead_ms: overhead_ms - queue_ms")
            .put("by_format", byFormat);
    if (chosen.size() == 1) {
      // One format: its figures at the top level too, as before --formats existed.
      report.put("format", chosen.get(0));
      byFormat.getJsonObject(chosen.get(0)).forEach(e -> report.put(e.getKey(), e.getValue()));
    }
    return report;
  }

  static JsonObject formatReport(Sample first, List<Sample> samples) {
    JsonArray rows = new JsonArray();
    samples.forEach(s -> rows.add(s.toJson()));
    return new JsonObject()
        .put("first_request", first.toJson())
        .put("ttfb_ms", stats(samples, Sample::ttfbMs))
        .put("total_ms", stats(samples, Sample::totalMs))
        .put("first_chunk_synth_ms", stats(samples, Sample::synthMs))
        .put("queue_ms", stats(samples, Sample::queueMs))
        .put("overhead_ms", stats(samples, Sample::overheadMs))
        .put("server_overhead_ms", stats(samples, Sample::overheadExclQueueMs))
        .put("samples", rows);
  }

  private static JsonObject stats(List<Sample> samples, ToDoubleFunction<Sample> metric) {
    return Percentiles.of(samples.stream().mapToDouble(metric).toArray(), 2).toJson();
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
