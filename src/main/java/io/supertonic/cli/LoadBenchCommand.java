package io.supertonic.cli;

import io.supertonic.cli.load.Corpus;
import io.supertonic.cli.load.HttpSpeechDriver;
import io.supertonic.cli.load.LoadReport;
import io.supertonic.cli.load.LoadRunner;
import io.supertonic.cli.load.MemorySampler;
import io.supertonic.cli.load.RequestOptions;
import io.supertonic.cli.load.RequestResult;
import io.supertonic.cli.load.SpeechDriver;
import io.supertonic.cli.load.WsSpeechDriver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Load benchmark of a running server: a serial baseline, then closed-loop clients or open-loop
 * Poisson arrivals, measured per request as a listener experiences them (TTFB, total, queue wait,
 * playback underruns), reported as JSON and as a markdown row. {@code --soak} also samples the
 * server's memory along the run.
 */
@Command(
    name = "bench-load",
    mixinStandardHelpOptions = true,
    description =
        "Load-tests a running server (HTTP or --ws) with concurrent clients or Poisson arrivals;"
            + " writes JSON and a markdown row.")
public final class LoadBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--url",
      required = true,
      description = "Server base URL, e.g. http://127.0.0.1:8000.")
  String url;

  @Option(
      names = "--ws",
      description = "Drive the WebSocket endpoint instead of POST /v1/audio/speech.")
  boolean ws;

  @Option(
      names = "--clients",
      description =
          "Closed loop: this many clients, each sending its next request when the previous ends (default 1).")
  Integer clients;

  @Option(
      names = "--rate",
      description = "Open loop: Poisson arrivals, this many requests per second on average.")
  Double rate;

  @Option(
      names = "--utilization",
      description =
          "Open loop at this fraction of the serial capacity measured by the baseline (e.g. 0.7).")
  Double utilization;

  @Option(
      names = "--requests",
      defaultValue = "40",
      description = "Measured requests under load (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(
      names = "--baseline",
      defaultValue = "8",
      description =
          "Requests sent one at a time before the load, as the serial baseline (0 = none; default: ${DEFAULT-VALUE}).")
  int baseline;

  @Option(
      names = "--warmup-requests",
      defaultValue = "2",
      description = "Unmeasured requests first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seeds the request order and the arrivals (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--voice",
      defaultValue = "F1",
      description = "Voice (default: ${DEFAULT-VALUE}).")
  String voice;

  @Option(
      names = "--total-steps",
      defaultValue = "0",
      description =
          "Diffusion steps (0 = the server's default; conf/config.json and SUPERTONIC_TOTAL_STEPS apply as for every command).")
  int totalSteps;

  @Option(
      names = "--timeout-s",
      defaultValue = "300",
      description = "Per-request timeout in seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(
      names = "--corpus",
      description =
          "A corpus file ({\"requests\":[{\"lang\",\"text\"}]}) instead of the shipped one.")
  Path corpusFile;

  @Option(
      names = "--label",
      defaultValue = "run",
      description = "First column of the markdown row (default: ${DEFAULT-VALUE}).")
  String label;

  @Option(
      names = "--out",
      defaultValue = "target/bench-load.json",
      description = "JSON report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--soak",
      description =
          "Sample the server's memory every --sample-every requests and report its growth.")
  boolean soak;

  @Option(
      names = "--sample-every",
      defaultValue = "100",
      description = "Soak: requests between memory samples (default: ${DEFAULT-VALUE}).")
  int sampleEvery;

  @Option(
      names = "--soak-from",
      defaultValue = "100",
      description =
          "Soak: the request whose memory sample is the reference for growth (default: ${DEFAULT-VALUE}).")
  int soakFrom;

  @Option(
      names = "--server-pid",
      description =
          "Soak: the server's process id, to read its RSS from /proc (same machine); otherwise JVM memory from /metrics.")
  Long serverPid;

  @Option(
      names = "--progress-ms",
      defaultValue = "2000",
      description = "Progress line interval on stderr (default: ${DEFAULT-VALUE}).")
  long progressMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = validate();
    if (problem != null) {
      err.println(problem);
      err.flush();
      return SynthCommand.EXIT_BAD_REQUEST;
    }
    Corpus corpus = corpusFile == null ? Corpus.shipped() : Corpus.read(corpusFile);
    List<String> languages = serverLanguages();
    if (!languages.isEmpty()) {
      corpus = corpus.only(languages);
    }
    RequestOptions options =
        new RequestOptions(voice, totalSteps, Duration.ofSeconds(timeoutSeconds));
    SpeechDriver driver =
        ws ? new WsSpeechDriver(url, options) : new HttpSpeechDriver(url, options);
    String transport = ws ? "ws" : "http";

    Progress progress = new Progress(err);
    MemorySampler memory = soak ? MemorySampler.of(serverPid, url) : null;
    Soak soakLog = soak ? new Soak(memory, sampleEvery, soakFrom) : null;
    LoadRunner quiet = new LoadRunner(driver, r -> {});
    LoadRunner counted =
        new LoadRunner(
            driver,
            r -> {
              int done = progress.done(r);
              if (soakLog != null) {
                soakLog.maybeSample(done);
              }
            });
    JsonObject report =
        new JsonObject()
            .put("url", url)
            .put("transport", transport)
            .put("seed", seed)
            .put("voice", voice)
            .put("total_steps", totalSteps)
            .put("corpus_requests", corpus.entries().size())
            .put("corpus_mean_chars", Math.round(corpus.meanChars()))
            .put("label", label);

    if (warmup > 0) {
      err.println("warmup: " + warmup + " request(s)");
      quiet.closedLoop(corpus.draw(warmup, seed - 1), 1);
    }
    JsonObject serial = null;
    if (baseline > 0) {
      err.println("serial baseline: " + baseline + " request(s), one at a time");
      progress.start("baseline", baseline, progressMs);
      serial = LoadReport.phase(counted.closedLoop(corpus.draw(baseline, seed + 1), 1));
      progress.stop();
      report.put("serial", serial);
    }
    String load;
    List<Corpus.Entry> plan = corpus.draw(requests, seed);
    if (soakLog != null) {
      soakLog.maybeSample(0);
    }
    LoadRunner.Phase phase;
    progress.start("load", requests, progressMs);
    if (rate != null || utilization != null) {
      double perSecond = rate != null ? rate : utilization * serial.getDouble("requests_per_s");
      load = String.format(Locale.ROOT, "Poisson %.3f req/s", perSecond);
      if (utilization != null) {
        load += String.format(Locale.ROOT, " (%.0f%% of serial)", 100 * utilization);
      }
      report.put("mode", "open").put("rate", perSecond);
      err.println("load: " + load + ", " + requests + " requests");
      phase = counted.openLoop(plan, perSecond, seed);
    } else {
      int n = clients == null ? 1 : clients;
      load = n + (n == 1 ? " client" : " clients");
      report.put("mode", "closed").put("clients", n);
      err.println("load: " + load + ", " + requests + " requests");
      phase = counted.closedLoop(plan, n);
    }
    progress.stop();
    JsonObject measured = LoadReport.phase(phase);
    report.put("load", load).put("result", measured);
    if (serial != null) {
      report.put(
          "throughput_vs_serial",
          Math.round(1e3 * measured.getDouble("throughput") / serial.getDouble("throughput"))
              / 1e3);
    }
    if (soakLog != null) {
      soakLog.maybeSample(-1);
      report.put("soak", soakLog.toJson());
    }
    JsonArray samples = new JsonArray();
    phase.results().stream().map(RequestResult::toJson).forEach(samples::add);
    report.put("samples", samples);
    String row = LoadReport.markdownRow(label, transport, load, measured, serial);
    report.put("markdown_row", row);
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(out, report.encodePrettily());
    printSummary(stdout, serial, measured, report);
    stdout.println(LoadReport.MARKDOWN_HEADER);
    stdout.println(row);
    stdout.println("JSON report: " + out);
    stdout.flush();
    return 0;
  }

  private String validate() {
    if (rate != null && utilization != null) {
      return "--rate and --utilization are alternatives; give one";
    }
    if (clients != null && (rate != null || utilization != null)) {
      return "--clients (closed loop) and --rate/--utilization (open loop) are alternatives";
    }
    if (utilization != null && baseline < 1) {
      return "--utilization needs the serial baseline (--baseline 1 or more)";
    }
    if ((rate != null && !(rate > 0)) || (utilization != null && !(utilization > 0))) {
      return "--rate and --utilization must be positive";
    }
    if (requests < 1 || (clients != null && clients < 1) || baseline < 0 || warmup < 0) {
      return "--requests and --clients must be at least 1; --baseline and --warmup-requests at least 0";
    }
    if (soak && sampleEvery < 1) {
      return "--sample-every must be at least 1";
    }
    return null;
  }

  /** The languages the server says it speaks (GET /healthz), or empty when it does not say. */
  private List<String> serverLanguages() {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/healthz"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonArray langs = new JsonObject(r.body()).getJsonArray("languages", new JsonArray());
      List<String> out = new ArrayList<>();
      langs.forEach(l -> out.add(String.valueOf(l)));
      return out;
    } catch (Exception e) {
      return List.of();
    }
  }

  private static void printSummary(
      PrintWriter w, JsonObject serial, JsonObject measured, JsonObject report) {
    if (serial != null) {
      w.printf(
          Locale.ROOT,
          "serial baseline: TTFB p50 %.0f ms, throughput %.3f audio s per s, %.3f requests per s%n",
          serial.getJsonObject("ttfb_ms").getDouble("p50"),
          serial.getDouble("throughput"),
          serial.getDouble("requests_per_s"));
    }
    JsonObject ttfb = measured.getJsonObject("ttfb_ms");
    w.printf(
        Locale.ROOT,
        "%s: %d ok, %d rejected, %d errors in %.1f s; TTFB p50/p95/p99 %.0f/%.0f/%.0f ms;"
            + " throughput %.3f audio s per s%s; %d of %d streams underran%n",
        report.getString("load"),
        measured.getInteger("ok"),
        measured.getLong("rejected"),
        measured.getLong("errors"),
        measured.getDouble("wall_s"),
        ttfb.getDouble("p50"),
        ttfb.getDouble("p95"),
        ttfb.getDouble("p99"),
        measured.getDouble("throughput"),
        report.containsKey("throughput_vs_serial")
            ? String.format(
                Locale.ROOT, " (%.2fx serial)", report.getDouble("throughput_vs_serial"))
            : "",
        measured.getLong("underrun_streams"),
        measured.getInteger("ok"));
    if (report.containsKey("soak")) {
      JsonObject s = report.getJsonObject("soak");
      w.printf(
          Locale.ROOT,
          "soak: %s: %.1f MB at request %d, %.1f MB at the end, max %.1f MB, growth %.1f%% (%s)%n",
          s.getString("source"),
          s.getDouble("reference_mb"),
          s.getInteger("reference_request"),
          s.getDouble("last_mb"),
          s.getDouble("max_mb"),
          100 * s.getDouble("growth"),
          s.getBoolean("flat_within_10_percent") ? "flat" : "NOT flat");
    }
  }

  /** Progress on stderr while a phase runs. */
  private static final class Progress {
    private final PrintWriter err;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private ScheduledExecutorService timer;

    Progress(PrintWriter err) {
      this.err = err;
    }

    void reset() {
      done.set(0);
      rejected.set(0);
      errors.set(0);
    }

    int done(RequestResult r) {
      if (r.status().equals("rejected")) {
        rejected.incrementAndGet();
      } else if (!r.ok()) {
        errors.incrementAndGet();
      }
      return done.incrementAndGet();
    }

    void start(String phase, int total, long everyMs) {
      reset();
      long started = System.nanoTime();
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "bench-load-progress");
                t.setDaemon(true);
                return t;
              });
      timer.scheduleAtFixedRate(
          () -> {
            synchronized (err) {
              err.printf(
                  Locale.ROOT,
                  "[%s] %d/%d done, %d rejected, %d errors, %.0f s%n",
                  phase,
                  done.get(),
                  total,
                  rejected.get(),
                  errors.get(),
                  (System.nanoTime() - started) / 1e9);
              err.flush();
            }
          },
          everyMs,
          everyMs,
          TimeUnit.MILLISECONDS);
    }

    void stop() {
      if (timer != null) {
        timer.shutdownNow();
      }
    }
  }

  /** Memory samples along a soak run. */
  private static final class Soak {
    private final MemorySampler sampler;
    private final int every;
    private final int from;
    private final List<long[]> samples = new ArrayList<>();
    private String failure;

    Soak(MemorySampler sampler, int every, int from) {
      this.sampler = sampler;
      this.every = every;
      this.from = from;
    }

    /**
     * @param done requests finished so far; 0 = before the load, -1 = after it
     */
    synchronized void maybeSample(int done) {
      if (done > 0 && done % every != 0) {
        return;
      }
      try {
        long at = done >= 0 ? done : samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[0];
        if (done < 0 && !samples.isEmpty() && samples.get(samples.size() - 1)[0] == at) {
          return;
        }
        samples.add(new long[] {at, sampler.sample()});
      } catch (Exception e) {
        failure = e.toString();
      }
    }

    synchronized JsonObject toJson() {
      JsonArray points = new JsonArray();
      samples.forEach(s -> points.add(new JsonArray().add(s[0]).add(s[1])));
      long[] reference =
          samples.stream()
              .filter(s -> s[0] >= from)
              .findFirst()
              .orElse(samples.isEmpty() ? new long[] {0, 0} : samples.get(0));
      long last = samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
      long max =
          samples.stream().filter(s -> s[0] >= reference[0]).mapToLong(s -> s[1]).max().orElse(0);
      // Growth is the largest sample after the reference, against it: a leak shows as a rise
      // anywhere in the run, not only at its end.
      double growth = reference[1] == 0 ? 0 : (double) (max - reference[1]) / reference[1];
      JsonObject json =
          new JsonObject()
              .put("source", sampler.source())
              .put("samples", points)
              .put("reference_request", reference[0])
              .put("reference_mb", mb(reference[1]))
              .put("last_mb", mb(last))
              .put("max_mb", mb(max))
              .put("growth", Math.round(growth * 1e4) / 1e4)
              .put("flat_within_10_percent", growth <= 0.10);
      if (failure != null) {
        json.put("sampling_error", failure);
      }
      return json;
    }

    private static double mb(long bytes) {
      return Math.round(bytes / 1e5) / 10.0;
    }
  }
}
