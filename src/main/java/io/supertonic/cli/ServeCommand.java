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
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
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
      BenchModelCommand.class,
      LoadBenchCommand.class,
      DownloadCommand.class,
      DeviceCheckCommand.class
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Mixin ModelOptions model = new ModelOptions();

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @Mixin BusBridgeOptions busBridge = new BusBridgeOptions();

  @Option(
      names = Main.VERBOSE,
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print the stack trace of a failure.")
  boolean verbose;

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
      defaultValue = "8",
      description =
          "Streams admitted at once per worker, interleaved slice by slice on one inference"
              + " thread (see --scheduler); beyond it requests queue (default: ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(
      names = "--scheduler",
      defaultValue = "deadline",
      description =
          "Order of the admitted streams' work: deadline (a new stream's first chunk goes ahead"
              + " of streams whose buffered audio covers it, and no playing stream runs dry for"
              + " it) or fifo (each request runs to its end before the next starts); see"
              + " docs/BENCHMARKS.md (default: ${DEFAULT-VALUE}).")
  String scheduler;

  @Option(
      names = "--max-batch",
      description =
          "Ready chunks of different streams synthesized as one batch (default: 1 on a CPU, where"
              + " batching measured no gain; 8 when CUDA or CoreML runs the model).")
  Integer maxBatch;

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
      names = "--voice-alias",
      paramLabel = "NAME=VOICE",
      description =
          "Map a voice name to a voice or blend, e.g. --voice-alias alloy=M3 or"
              + " nova=F1:0.7+M2:0.3 (repeatable; also \"voice_aliases\" in the config file).")
  java.util.Map<String, String> voiceAliases = new java.util.LinkedHashMap<>();

  @Option(
      names = "--pcm-sample-rate",
      defaultValue = "24000",
      description =
          "Rate of raw PCM responses when the request names none: 24000 as OpenAI defines pcm"
              + " (what Pipecat and LiveKit decode), 0 for the model's own 44100 (default:"
              + " ${DEFAULT-VALUE}).")
  int pcmSampleRate;

  @Option(
      names = "--cache-mb",
      defaultValue = "0",
      description =
          "Memory for cached responses of repeated seeded requests, in MiB; 0 turns the cache off"
              + " (default: ${DEFAULT-VALUE}).")
  long cacheMb;

  @Option(
      names = "--seed",
      description =
          "Seed for speech requests that give none, which makes them repeatable (and cacheable);"
              + " default: a fresh random seed per request.")
  Long seed;

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

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description =
          "Require this API key (Authorization: Bearer KEY); repeatable. SUPERTONIC_API_KEYS takes"
              + " a comma-separated list. See docs/security.md.")
  java.util.List<String> apiKeys;

  @Option(
      names = "--api-keys-file",
      paramLabel = "FILE",
      description = "File with one API key per line (# comments); re-read when it changes.")
  String apiKeysFile;

  @Option(
      names = "--auth-required",
      description = "Refuse to start unless at least one API key is configured.")
  boolean authRequired;

  @Option(
      names = "--metrics-public",
      description = "Keep /metrics, /metrics/summary and /metrics/recent open when keys are set.")
  boolean metricsPublic;

  @Option(
      names = "--rate-limit-rpm",
      defaultValue = "0",
      description = "Requests per minute per API key (per client address without keys); 0 = off.")
  int rateLimitRpm;

  @Option(
      names = "--rate-limit-burst",
      defaultValue = "0",
      description = "Requests a key may make at once before the rate applies (0 = the rpm).")
  int rateLimitBurst;

  @Option(
      names = "--max-streams-per-key",
      defaultValue = "0",
      description =
          "Concurrent speech responses and WebSocket sessions per API key (per client address"
              + " without keys); 0 = no limit.")
  int maxStreamsPerKey;

  @Option(
      names = "--cors-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description =
          "Browser origin allowed to call the API cross-origin (repeatable; * = any). Default:"
              + " none, only the console's own origin.")
  java.util.List<String> corsOrigins;

  @Option(
      names = "--ws-origin",
      paramLabel = "ORIGIN",
      split = ",",
      description =
          "Origin allowed to open the WebSocket (repeatable; * = any). Default: the --cors-origin"
              + " list plus the server's own origin.")
  java.util.List<String> wsOrigins;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "TLS certificate chain (PEM).")
  String tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "TLS private key (PEM).")
  String tlsKey;

  @Option(
      names = "--tls-self-signed",
      description = "Serve HTTPS with a certificate generated at start (for trying TLS out).")
  boolean tlsSelfSigned;

  @Option(
      names = "--wyoming-port",
      description =
          "Serve the Wyoming protocol (Home Assistant) on this TCP port; off when not set. "
              + "The usual port is 10200; 0 picks a free one.")
  Integer wyomingPort;

  @Option(
      names = "--wyoming-host",
      description = "Bind address of the Wyoming server (default: --host).")
  String wyomingHost;

  @Option(
      names = "--wyoming-zeroconf",
      negatable = false,
      description =
          "Announce the Wyoming server over mDNS (_wyoming._tcp) for Home Assistant discovery.")
  boolean wyomingZeroconf;

  @Option(
      names = "--wyoming-allow",
      paramLabel = "ADDR",
      split = ",",
      description =
          "With API keys on, a peer allowed to use the Wyoming server besides this machine: an IP"
              + " address or CIDR block, IPv4 or IPv6 (repeatable). Without keys Wyoming is open."
              + " See docs/wyoming.md.")
  java.util.List<String> wyomingAllow;

  @Option(
      names = "--lexicon",
      description =
          "Directory of pronunciation lexicons, one <lang>.json per language; changes made over "
              + "HTTP are saved there.")
  String lexiconDir;

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
    AudioEncoders encoders = role.servesTransports() ? AudioEncoders.detect() : null;
    if (encoders != null && engine != null && !noWarmup) {
      Warmup.encoders(
          encoders, engine.info().sampleRate(), config.getInteger("pcm_sample_rate", 0));
    }
    Vertx vertx = joining != null ? joining.await(2, TimeUnit.MINUTES) : Vertx.vertx(options);
    SupertonicServer server;
    try {
      server =
          SupertonicServer.start(vertx, engine, encoders, config)
              .await(cluster.workerWaitMs + 120_000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      vertx.close();
      if (engine != null) {
        engine.close();
      }
      throw FailureReport.portInUse(e, host, port).orElse(e);
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
    Runnable httpWarmup = () -> {};
    if (server.port() >= 0) {
      io.supertonic.security.SecuritySettings security =
          io.supertonic.security.SecuritySettings.fromConfig(config);
      LOG.info(
          "Ready: {}://{}:{}/ (role {})",
          security.tls() ? "https" : "http",
          host,
          server.port(),
          role.name().toLowerCase(java.util.Locale.ROOT));
      // Only where this node synthesizes too: a gateway's warmup would load other nodes' workers.
      // Not behind API keys (it has none) or a rate limit (it would spend loopback's allowance, the
      // address a local reverse proxy's clients share, right after start).
      boolean guarded = security.keysConfigured() || security.rateLimitRpm() > 0;
      if (encoders != null && engine != null && !noWarmup && !guarded) {
        httpWarmup = () -> HttpSelfWarmup.run(security.tls(), host, server.port(), encoders);
      }
    } else {
      LOG.info(
          "Worker node ready: model {} on {}", engine.info().model(), engine.info().providers());
    }
    afterReady(httpWarmup, ClassDataArchive.requested());
    stopped.await();
    return 0;
  }

  /**
   * On a daemon thread, so that neither holds back start-up (a request arriving meanwhile is served
   * alongside): the loopback HTTP warmup, then the class-data archive, which thereby holds the
   * request path's classes too.
   */
  private static void afterReady(Runnable httpWarmup, Optional<ClassDataArchive> archive) {
    Thread thread =
        new Thread(
            () -> {
              httpWarmup.run();
              archive.ifPresent(ClassDataArchive::write);
            },
            "after-ready");
    thread.setDaemon(true);
    thread.start();
  }

  private SupertonicEngine loadAndWarmUp() throws Exception {
    SupertonicEngine engine = ModelLoading.load(model);
    if (!noWarmup) {
      String warmupVoice =
          VoiceAliases.resolve(voice, engine.info().voices()).orElse(engine.info().voices().get(0));
      if (LanguageGuesser.AUTO.equals(lang)) {
        engine.text().loadLatinDetector(); // before serving, so the first requests detect too
      }
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

  /**
   * The config file's (or SUPERTONIC_VOICE_ALIASES', "alloy=M3,nova=F1+M2") aliases with the flags on
   * top, checked for form here; the worker checks the targets against the loaded voices.
   */
  private JsonObject voiceAliasConfig(LayeredDefaults settings) {
    java.util.Map<String, String> merged = new java.util.LinkedHashMap<>();
    String configured = settings.value("voice-aliases");
    if (configured != null && configured.trim().startsWith("{")) {
      new JsonObject(configured).forEach(e -> merged.put(e.getKey(), String.valueOf(e.getValue())));
    } else if (configured != null && !configured.isBlank()) {
      for (String pair : configured.split(",")) {
        String[] kv = pair.split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException(
              "SUPERTONIC_VOICE_ALIASES must be NAME=VOICE pairs separated by commas, got '"
                  + pair
                  + "'");
        }
        merged.put(kv[0].trim(), kv[1].trim());
      }
    }
    merged.putAll(voiceAliases);
    VoiceAliases.withOverrides(merged); // throws IllegalArgumentException on a malformed alias
    JsonObject json = new JsonObject();
    merged.forEach((alias, target) -> json.put(alias.trim().toLowerCase(java.util.Locale.ROOT), target));
    return json;
  }

  private static int validMaxBatch(int n) {
    if (n < 1 || n > 64) {
      throw new IllegalArgumentException("--max-batch must be between 1 and 64, got " + n);
    }
    return n;
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
        .put("scheduler", io.supertonic.worker.ChunkScheduler.Policy.parse(scheduler).id())
        .put("max_input_chars", maxInputChars)
        .put("ui", !noUi)
        .put("ws_enabled", wsEnabled == null || LayeredDefaults.truthy(wsEnabled))
        .put(
            "observability_buffer_size",
            MetricsVerticle.validateBufferSize(observabilityBufferSize))
        .put("pcm_sample_rate", validPcmRate(pcmSampleRate))
        .put("voice_aliases", voiceAliasConfig(settings))
        .put("ws_idle_timeout_ms", wsIdleTimeoutMs)
        .put("ws_max_message_bytes", wsMaxMessageBytes)
        .put("shutdown_grace_ms", shutdownGraceMs)
        .put("stall_timeout_ms", validStallTimeout(stallTimeoutMs))
        .put("cache_mb", validCacheMb(cacheMb))
        .put("seed", validSeed(seed))
        .put("wyoming_port", wyomingPort)
        .put("wyoming_host", wyomingHost == null ? host : wyomingHost)
        .put("wyoming_zeroconf", wyomingZeroconf)
        .put("wyoming_allow", wyomingAllowList())
        .put("lexicon_dir", lexiconDir)
        .put("voices_dir", model.voicesDir == null ? null : model.voicesDir.toString())
        .mergeIn(securityConfig(settings))
        .mergeIn(limits().toJson())
        .mergeIn(maxBatchConfig());
  }

  /** Empty unless --max-batch was given: the worker then picks the default for its device. */
  private JsonObject maxBatchConfig() {
    return maxBatch == null
        ? new JsonObject()
        : new JsonObject().put("max_batch", validMaxBatch(maxBatch));
  }

  /** The --wyoming-allow entries, checked now so a typo fails before the model loads. */
  private io.vertx.core.json.JsonArray wyomingAllowList() {
    java.util.List<String> entries = wyomingAllow == null ? java.util.List.of() : wyomingAllow;
    io.supertonic.wyoming.WyomingSettings.allowlist(new io.vertx.core.json.JsonArray(entries));
    return new io.vertx.core.json.JsonArray(entries);
  }

  private static long validCacheMb(long mb) {
    if (mb < 0 || mb > 1024 * 1024) {
      throw new IllegalArgumentException("--cache-mb must be between 0 and 1048576, got " + mb);
    }
    return mb;
  }

  private static Long validSeed(Long seed) {
    if (seed != null && seed < 0) {
      throw new IllegalArgumentException("--seed must be a non-negative integer, got " + seed);
    }
    return seed;
  }

  /** The access-control keys of the server config (see SecuritySettings), validated. */
  private JsonObject securityConfig(LayeredDefaults settings) {
    java.util.List<String> keys = new java.util.ArrayList<>();
    if (apiKeys != null) {
      keys.addAll(apiKeys);
    }
    // SUPERTONIC_API_KEYS (comma-separated) or "api_keys" in the config file, added to the flags.
    keys.addAll(io.supertonic.security.SecuritySettings.parseList(settings.value("api-keys")));
    JsonObject security =
        new JsonObject()
            .put("api_keys", new io.vertx.core.json.JsonArray(keys))
            .put("api_keys_file", apiKeysFile)
            .put("metrics_public", metricsPublic)
            .put("rate_limit_rpm", rateLimitRpm)
            .put("rate_limit_burst", rateLimitBurst)
            .put("max_streams_per_key", maxStreamsPerKey)
            .put(
                "cors_origins",
                new io.vertx.core.json.JsonArray(
                    corsOrigins == null ? java.util.List.of() : corsOrigins))
            .put(
                "ws_origins",
                wsOrigins == null ? null : new io.vertx.core.json.JsonArray(wsOrigins))
            .put("tls_cert", tlsCert)
            .put("tls_key", tlsKey)
            .put("tls_self_signed", tlsSelfSigned);
    io.supertonic.security.SecuritySettings.fromConfig(security).validateAtStart(authRequired);
    return security;
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
