package io.supertonic.cli;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.cluster.ClusteredVertx;
import io.supertonic.cluster.NodeRole;
import io.supertonic.config.LayeredDefaults;
import io.supertonic.config.LogLevels;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.engine.text.LanguageGuesser;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.metrics.MetricsVerticle;
import io.supertonic.server.SupertonicServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "supertonic-server",
    mixinStandardHelpOptions = true,
    version = "supertonic-server 0.1.0",
    description =
        "OpenAI-compatible text-to-speech server for Supertonic. Every flag also reads SUPERTONIC_<FLAG> "
            + "(e.g. SUPERTONIC_PORT=9000) and conf/config.json.",
    subcommands = {
      SynthCommand.class,
      BenchCommand.class,
      HttpBenchCommand.class,
      TinyModelCommand.class,
      DownloadCommand.class
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Mixin ModelOptions model = new ModelOptions();

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Mixin BusBridgeOptions busBridge = new BusBridgeOptions();

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8000",
      description = "Bind port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--voice",
      defaultValue = "F1",
      description = "Default voice (F1-F5, M1-M5 or an alias).")
  String voice;

  @Option(
      names = "--lang",
      defaultValue = "en",
      description =
          "Default language code, or auto (guessed from the text's script; Latin script gets en).")
  String lang;

  @Option(names = "--speed", defaultValue = "1.05", description = "Default speed (0.5..2.0).")
  double speed;

  @Option(
      names = "--total-steps",
      defaultValue = "8",
      description = "Diffusion steps (1..50; 4..16 useful). Lower = faster.")
  int totalSteps;

  @Option(
      names = "--max-concurrent",
      defaultValue = "1",
      description = "Concurrent synthesis operations per process.")
  int maxConcurrent;

  @Option(
      names = "--max-queue",
      defaultValue = "16",
      description = "Requests that may wait for a worker; beyond it, 503.")
  int maxQueue;

  @Option(
      names = "--max-input-chars",
      defaultValue = "20000",
      description = "Longest accepted input text.")
  int maxInputChars;

  @Option(
      names = "--no-warmup",
      negatable = false,
      description = "Skip the startup warmup synthesis.")
  boolean noWarmup;

  @Option(
      names = "--warmup-text",
      defaultValue = "Hello, this is a warmup.",
      description = "Warmup utterance.")
  String warmupText;

  @Option(
      names = "--no-ui",
      negatable = false,
      description = "Disable the built-in web console at /.")
  boolean noUi;

  @Option(
      names = "--log-level",
      defaultValue = "info",
      description = "debug | info | warning | error.")
  String logLevel;

  @Option(
      names = "--shutdown-grace-ms",
      defaultValue = "10000",
      description = "How long in-flight requests may finish after SIGTERM.")
  long shutdownGraceMs;

  @Option(
      names = "--pcm-sample-rate",
      defaultValue = "0",
      description =
          "Rate of raw PCM responses when the request names none (0 = the model's, 44100; 24000 = OpenAI's).")
  int pcmSampleRate;

  @Option(
      names = "--stall-timeout-ms",
      defaultValue = "60000",
      description =
          "End a stream as stalled when its client reads nothing for this long (default: ${DEFAULT-VALUE}).")
  long stallTimeoutMs;

  @Option(
      names = "--observability-buffer-size",
      defaultValue = "100",
      description = "Requests kept for /metrics percentiles and /metrics/recent (10..10000).")
  int observabilityBufferSize;

  @Option(
      names = "--ws-idle-timeout-ms",
      defaultValue = "300000",
      description = "Close a WebSocket after this long without messages or synthesis (0 = never).")
  long wsIdleTimeoutMs;

  @Option(
      names = "--ws-max-message-bytes",
      defaultValue = "262144",
      description = "Largest WebSocket message accepted.")
  int wsMaxMessageBytes;

  @Override
  public Integer call() throws Exception {
    LogLevels.apply(logLevel);
    // Validate the whole configuration before the (slow) model load.
    // The layers Main installed already hold the parsed config file; read it once.
    JsonObject config =
        serverConfig(
            spec.defaultValueProvider() instanceof LayeredDefaults layers
                ? layers
                : LayeredDefaults.fromEnvironment());
    NodeRole role = cluster.nodeRole();
    config.put("role", role.name().toLowerCase(java.util.Locale.ROOT));
    config.put("worker_wait_ms", cluster.enabled ? cluster.workerWaitMs : 0L);
    busBridge.addTo(config);
    VertxOptions options = new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions());
    // Joining is mostly waiting on the network: overlap it with loading the model. Nothing is
    // routed to this node before its worker verticle registers, after the model is loaded.
    Future<Vertx> joining =
        cluster.enabled ? ClusteredVertx.start(options, cluster.settings()) : null;
    SupertonicEngine engine;
    try {
      engine = role.runsSynthesis() ? loadAndWarmUp() : null;
    } catch (Exception | Error e) {
      if (joining != null) {
        joining
            .transform(ar -> ar.succeeded() ? ar.result().close() : Future.succeededFuture())
            .await(30, TimeUnit.SECONDS);
      }
      throw e;
    }
    Vertx vertx = joining != null ? joining.await(2, TimeUnit.MINUTES) : Vertx.vertx(options);
    SupertonicServer server;
    try {
      server =
          SupertonicServer.start(
                  vertx, engine, role.servesTransports() ? AudioEncoders.detect() : null, config)
              .await(cluster.workerWaitMs + 120_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      vertx.close();
      if (engine != null) {
        engine.close();
      }
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info(
                      "Shutting down: finishing in-flight requests (up to {} ms)", shutdownGraceMs);
                  try {
                    server
                        .stop()
                        .eventually(() -> vertx.close())
                        .await(shutdownGraceMs + 5000, TimeUnit.MILLISECONDS);
                  } catch (Exception e) {
                    LOG.warn("Shutdown did not complete cleanly: {}", e.toString());
                  } finally {
                    if (engine != null) {
                      engine.close();
                    }
                    stopped.countDown();
                  }
                },
                "supertonic-shutdown"));
    if (server.port() >= 0) {
      LOG.info(
          "Ready: http://{}:{}/ (role {})",
          host,
          server.port(),
          role.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      LOG.info(
          "Worker node ready: model {} on {}", engine.info().model(), engine.info().providers());
    }
    stopped.await();
    return 0;
  }

  private SupertonicEngine loadAndWarmUp() throws Exception {
    SupertonicEngine engine = ModelLoading.load(model);
    if (!noWarmup) {
      String warmupVoice =
          VoiceAliases.resolve(voice, engine.info().voices()).orElse(engine.info().voices().get(0));
      String warmupLang =
          LanguageGuesser.guess(
              warmupText,
              engine.info().languages(),
              LanguageGuesser.AUTO.equals(lang) ? "en" : lang);
      Warmup.run(
          engine, new SynthesisParams(warmupText, warmupVoice, warmupLang, speed, totalSteps, 0L));
    }
    return engine;
  }

  private static int validPcmRate(int rate) {
    if (rate != 0 && !AudioFormat.PCM.supportsSampleRate(rate)) {
      throw new IllegalArgumentException(
          "--pcm-sample-rate must be 0 or " + AudioFormat.PCM.sampleRateRule() + ", got " + rate);
    }
    return rate;
  }

  private static long validStallTimeout(long ms) {
    if (ms < 1000) {
      throw new IllegalArgumentException("--stall-timeout-ms must be at least 1000, got " + ms);
    }
    return ms;
  }

  JsonObject serverConfig(LayeredDefaults settings) {
    String wsEnabled = settings.value("ws-enabled");
    return new JsonObject()
        .put("host", host)
        .put("port", port)
        .put("voice", voice)
        .put("lang", lang)
        .put("speed", speed)
        .put("total_steps", totalSteps)
        .put("max_concurrent", maxConcurrent)
        .put("max_queue", maxQueue)
        .put("max_input_chars", maxInputChars)
        .put("ui", !noUi)
        .put("ws_enabled", wsEnabled == null || LayeredDefaults.truthy(wsEnabled))
        .put(
            "observability_buffer_size",
            MetricsVerticle.validateBufferSize(observabilityBufferSize))
        .put("pcm_sample_rate", validPcmRate(pcmSampleRate))
        .put("ws_idle_timeout_ms", wsIdleTimeoutMs)
        .put("ws_max_message_bytes", wsMaxMessageBytes)
        .put("shutdown_grace_ms", shutdownGraceMs)
        .put("stall_timeout_ms", validStallTimeout(stallTimeoutMs));
  }
}
