package io.supertonic.cli;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.cluster.ClusteredVertx;
import io.supertonic.cluster.NodeRole;
import io.supertonic.config.LayeredDefaults;
import io.supertonic.config.ServerLimits;
import io.supertonic.config.LogLevels;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.engine.text.LanguageGuesser;
import io.supertonic.metrics.MetricsSetup;
import io.supertonic.metrics.MetricsVerticle;
import io.supertonic.server.SupertonicServer;
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

  @Option(
      names = "--http-idle-timeout-ms",
      defaultValue = "" + ServerLimits.HTTP_IDLE_TIMEOUT_MS,
      description = "Close an HTTP connection with no traffic for this long (0 = never).")
  long httpIdleTimeoutMs;

  @Option(
      names = "--request-timeout-ms",
      defaultValue = "" + ServerLimits.REQUEST_TIMEOUT_MS,
      description =
          "A request's headers and body must arrive within this long, or the connection is"
              + " dropped (slow clients; 0 = no limit).")
  long requestTimeoutMs;

  @Option(
      names = "--max-url-bytes",
      defaultValue = "" + ServerLimits.MAX_URL_BYTES,
      description = "Longest request line (method, URL, version); longer gets 414.")
  int maxUrlBytes;

  @Option(
      names = "--max-header-bytes",
      defaultValue = "" + ServerLimits.MAX_HEADER_BYTES,
      description = "Largest total request headers; larger gets 431.")
  int maxHeaderBytes;

  @Option(
      names = "--max-body-bytes",
      defaultValue = "" + ServerLimits.MAX_BODY_BYTES,
      description = "Largest request body; larger gets 413 (0 = 4 x max-input-chars + 64 KiB).")
  long maxBodyBytes;

  @Option(
      names = "--max-connections-per-client",
      defaultValue = "" + ServerLimits.MAX_CONNECTIONS_PER_CLIENT,
      description =
          "Open connections one client IP address may hold; more get 429 (0 = no limit; raise"
              + " it behind a reverse proxy).")
  int maxConnectionsPerClient;

  @Option(
      names = "--max-audio-seconds",
      defaultValue = "" + ServerLimits.MAX_AUDIO_SECONDS,
      description =
          "Most audio one request may produce: estimated before starting (400 audio_too_long)"
              + " and enforced while streaming.")
  double maxAudioSeconds;

  @Option(
      names = "--record-text",
      arity = "1",
      defaultValue = "" + ServerLimits.RECORD_TEXT,
      description = "Keep a snippet of request text in /metrics/recent (false keeps only its length).")
  boolean recordText;

  @Option(
      names = "--ws-max-sessions",
      defaultValue = "" + ServerLimits.WS_MAX_SESSIONS,
      description = "Concurrent WebSocket sessions; more are refused with 503 and Retry-After.")
  int wsMaxSessions;

  @Option(
      names = "--ws-max-queued-utterances",
      defaultValue = "" + ServerLimits.WS_MAX_QUEUED_UTTERANCES,
      description = "Flushed utterances one WebSocket session may have waiting (queue_full beyond).")
  int wsMaxQueuedUtterances;

  @Option(
      names = "--ws-ping-interval-ms",
      defaultValue = "" + ServerLimits.WS_PING_INTERVAL_MS,
      description = "Ping each WebSocket this often to keep it alive and detect dead peers (0 = off).")
  long wsPingIntervalMs;

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
    SupertonicEngine engine = role.runsSynthesis() ? ModelLoading.load(model) : null;
    if (engine != null && !noWarmup) {
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
    VertxOptions options = new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions());
    Vertx vertx =
        cluster.enabled
            ? ClusteredVertx.start(options, cluster.settings()).await(2, TimeUnit.MINUTES)
            : Vertx.vertx(options);
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

  private static int validPcmRate(int rate) {
    if (rate != 0 && !AudioFormat.PCM.supportsSampleRate(rate)) {
      throw new IllegalArgumentException(
          "--pcm-sample-rate must be 0 or " + AudioFormat.PCM.sampleRateRule() + ", got " + rate);
    }
    return rate;
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
        .mergeIn(limits().toJson());
  }

  /** Validated here so a bad value stops the start before the model loads. */
  private ServerLimits limits() {
    return new ServerLimits(
        httpIdleTimeoutMs,
        requestTimeoutMs,
        maxUrlBytes,
        maxHeaderBytes,
        maxBodyBytes,
        maxConnectionsPerClient,
        maxAudioSeconds,
        recordText,
        wsMaxSessions,
        wsMaxQueuedUtterances,
        wsPingIntervalMs);
  }
}
