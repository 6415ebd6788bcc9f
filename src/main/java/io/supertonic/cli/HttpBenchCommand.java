package io.supertonic.cli;

import io.supertonic.metrics.Percentiles;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Measures a running server from the outside: time to first byte and total time as a client sees
 * them, and, from the {@code Server-Timing} header, how much of the first byte's wait was the model
 * (first chunk synthesis, queue) and how much the server itself (HTTP, event bus, encoding). Run it
 * against a server on the tiny model to see the server's own overhead.
 */
@Command(
    name = "bench-http",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks a running server over HTTP (TTFB, total, server overhead) and writes JSON.")
public final class HttpBenchCommand implements Callable<Integer> {
  private static final Pattern TIMING = Pattern.compile("(\\w+);dur=([0-9.]+)");

  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:8000",
      description = "Server base URL (default: ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--requests",
      defaultValue = "40",
      description = "Measured requests (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--concurrency",
      defaultValue = "1",
      description = "Requests in flight at once (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--format",
      defaultValue = "pcm",
      description = "mp3, wav or pcm (default: ${DEFAULT-VALUE}).")
  String format;

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

  private record Sample(
      String text, double ttfbMs, double totalMs, long bytes, double queueMs, double synthMs) {
    double overheadMs() {
      return synthMs < 0 ? -1 : ttfbMs - synthMs - Math.max(0, queueMs);
    }
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    if (requests < 1 || concurrency < 1) {
      spec.commandLine().getErr().println("--requests and --concurrency must be at least 1");
      return SynthCommand.EXIT_BAD_REQUEST;
    }
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<String> texts =
        BenchCommand.TEXTS.stream()
            .filter(t -> t.lang().equals("en"))
            .map(BenchCommand.BenchText::text)
            .toList();
    // Warmup: the first requests pay JIT compilation on both sides.
    for (String text : texts) {
      measure(client, text);
    }
    List<Sample> samples = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<Sample>> pending = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        String text = texts.get(i % texts.size());
        pending.add(pool.submit(() -> measure(client, text)));
      }
      for (Future<Sample> f : pending) {
        samples.add(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    JsonObject report = report(samples);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, report.encodePrettily());
    stdout.printf(
        Locale.ROOT,
        "%d requests, concurrency %d, format %s, against %s%n",
        requests,
        concurrency,
        format,
        url);
    for (String key :
        List.of("ttfb_ms", "total_ms", "first_chunk_synth_ms", "queue_ms", "server_overhead_ms")) {
      JsonObject p = report.getJsonObject(key);
      stdout.printf(
          Locale.ROOT,
          "%-22s p50 %8.1f   p95 %8.1f   p99 %8.1f%n",
          key,
          p.getDouble("p50"),
          p.getDouble("p95"),
          p.getDouble("p99"));
    }
    stdout.printf("JSON report: %s%n", out);
    stdout.flush();
    return 0;
  }

  private Sample measure(HttpClient client, String text) throws Exception {
    String body =
        new JsonObject()
            .put("input", text)
            .put("voice", voice)
            .put("response_format", format)
            .encode();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/v1/audio/speech"))
            .timeout(Duration.ofMinutes(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "HTTP " + response.statusCode() + ": " + new String(in.readAllBytes()));
      }
      int first = in.read();
      double ttfb = (System.nanoTime() - start) / 1e6;
      long bytes = first < 0 ? 0 : 1 + in.transferTo(java.io.OutputStream.nullOutputStream());
      double total = (System.nanoTime() - start) / 1e6;
      String timing = response.headers().firstValue("Server-Timing").orElse("");
      return new Sample(text, ttfb, total, bytes, timing(timing, "queue"), timing(timing, "synth"));
    }
  }

  private static double timing(String header, String name) {
    Matcher m = TIMING.matcher(header);
    while (m.find()) {
      if (m.group(1).equals(name)) {
        return Double.parseDouble(m.group(2));
      }
    }
    return -1;
  }

  private JsonObject report(List<Sample> samples) {
    JsonArray rows = new JsonArray();
    samples.forEach(
        s ->
            rows.add(
                new JsonObject()
                    .put("chars", s.text().length())
                    .put("ttfb_ms", s.ttfbMs())
                    .put("total_ms", s.totalMs())
                    .put("bytes", s.bytes())
                    .put("queue_ms", s.queueMs())
                    .put("first_chunk_synth_ms", s.synthMs())
                    .put("server_overhead_ms", s.overheadMs())));
    return new JsonObject()
        .put("url", url)
        .put("format", format)
        .put("requests", requests)
        .put("concurrency", concurrency)
        .put("ttfb_ms", stats(samples.stream().mapToDouble(Sample::ttfbMs).toArray()))
        .put("total_ms", stats(samples.stream().mapToDouble(Sample::totalMs).toArray()))
        .put("first_chunk_synth_ms", stats(samples.stream().mapToDouble(Sample::synthMs).toArray()))
        .put("queue_ms", stats(samples.stream().mapToDouble(Sample::queueMs).toArray()))
        .put(
            "server_overhead_ms", stats(samples.stream().mapToDouble(Sample::overheadMs).toArray()))
        .put("samples", rows);
  }

  private static JsonObject stats(double[] values) {
    return Percentiles.of(values, 2).toJson();
  }
}
