package io.supertonic.worker;

import io.supertonic.config.ServerLimits;
import io.supertonic.text.SafeText;
import io.supertonic.bus.Addresses;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelInfo;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.engine.text.LanguageGuesser;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns synthesis for this process: admits requests from {@link Addresses#SYNTH}, runs at most
 * {@code max_concurrent} of them on a dedicated worker pool, queues up to {@code max_queue} more
 * and refuses the rest. The ONNX sessions belong to the shared {@link SupertonicEngine} handed in
 * at deploy. See {@link SynthesisProtocol} for the conversation.
 */
public final class SynthesisWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SynthesisWorkerVerticle.class);

  private final SupertonicEngine engine;
  private final Deque<WorkerJob> queue = new ArrayDeque<>();
  private final Map<WorkerJob, Future<JsonObject>> inFlight = new HashMap<>();
  private final String workerId = UUID.randomUUID().toString();
  private WorkerSettings settings;
  private WorkerExecutor executor;
  private ModelInfo info;

  public SynthesisWorkerVerticle(SupertonicEngine engine) {
    this.engine = engine;
  }

  @Override
  public Future<?> start() {
    settings = WorkerSettings.fromJson(config());
    info = engine.info();
    // Long syntheses are expected on this pool; do not let Vert.x flag them as blocked threads.
    executor =
        vertx.createSharedWorkerExecutor(
            "supertonic-synth", settings.maxConcurrent(), 1, TimeUnit.HOURS);
    MessageConsumer<JsonObject> requests =
        vertx.eventBus().consumer(Addresses.SYNTH, this::onRequest);
    MessageConsumer<Object> ping =
        vertx.eventBus().consumer(Addresses.WORKER_PING, m -> m.reply(infoJson()));
    return Future.all(requests.completion(), ping.completion());
  }

  /**
   * Cancels queued and running jobs and completes only once every running one has left the engine:
   * the ONNX sessions are closed after this, and closing a session under a running inference
   * crashes the JVM.
   */
  @Override
  public Future<?> stop() {
    queue.forEach(job -> job.send(terminal(SynthesisProtocol.TYPE_CANCELLED)));
    queue.clear();
    publishQueueDepth();
    inFlight.keySet().forEach(job -> job.gate().cancel());
    List<Future<JsonObject>> stopping = List.copyOf(inFlight.values());
    return Future.join(stopping).transform(done -> executor.close());
  }

  private JsonObject infoJson() {
    return new JsonObject()
        .put("model", info.model())
        .put("sample_rate", info.sampleRate())
        .put("languages", new JsonArray(info.languages()))
        .put("voices", new JsonArray(info.voices()))
        .put("providers", new JsonArray(info.providers()))
        .put("max_concurrent", settings.maxConcurrent())
        .put("max_queue", settings.maxQueue())
        .put("running", inFlight.size())
        .put("queued", queue.size());
  }

  private void onRequest(Message<JsonObject> message) {
    JsonObject body = message.body();
    SynthesisRequest request = SynthesisRequest.fromJson(body);
    String stream = body.getString("stream");
    if (stream == null) {
      fail(
          message,
          SynthesisProtocol.FAILURE_INVALID,
          "missing stream address",
          null,
          "protocol_error");
      return;
    }
    if (isFull()) {
      rejectBusy(message);
      return;
    }
    String voice;
    try {
      voice = resolveVoice(request.voice());
    } catch (InvalidRequestException e) {
      fail(message, SynthesisProtocol.FAILURE_INVALID, e.getMessage(), e.param(), e.code());
      return;
    }
    long seed =
        request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong(0, 1L << 53);
    SynthesisParams params =
        new SynthesisParams(
            request.text(),
            voice,
            language(request),
            request.speed() != null ? request.speed() : settings.defaultSpeed(),
            request.totalSteps() != null ? request.totalSteps() : settings.defaultSteps(),
            seed);
    // Validation preprocesses the first chunk of text: keep it off the event loop.
    vertx
        .executeBlocking(() -> engine.start(params), false)
        .onSuccess(
            job -> admit(message, request, params, job, stream, body.getInteger("credits", 1)))
        .onFailure(
            err -> {
              if (err instanceof InvalidRequestException e) {
                fail(
                    message,
                    SynthesisProtocol.FAILURE_INVALID,
                    e.getMessage(),
                    e.param(),
                    e.code());
              } else {
                LOG.error("Request {} could not be prepared", SafeText.of(request.id(), 128), err);
                fail(
                    message,
                    500,
                    "synthesis could not start: " + err.getMessage(),
                    null,
                    "internal_error");
              }
            });
  }

  /** The requested language, the default, or for {@code auto} the one the text's script names. */
  private String language(SynthesisRequest request) {
    String lang = request.lang() != null ? request.lang() : settings.defaultLang();
    if (!LanguageGuesser.AUTO.equalsIgnoreCase(lang)) {
      return lang;
    }
    String text = request.text() == null ? "" : request.text();
    return LanguageGuesser.guess(
        text, info.languages(), info.languages().contains("en") ? "en" : info.languages().get(0));
  }

  private String resolveVoice(String requested) {
    String wanted = requested == null || requested.isBlank() ? settings.defaultVoice() : requested;
    return VoiceAliases.resolve(wanted, info.voices())
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "voice",
                    "invalid_voice",
                    "Unknown voice '"
                        + SafeText.of(wanted)
                        + "'. Valid voices: "
                        + String.join(", ", info.voices())
                        + ", or an OpenAI alias: "
                        + String.join(", ", VoiceAliases.openAi().keySet())));
  }

  private void admit(
      Message<JsonObject> message,
      SynthesisRequest request,
      SynthesisParams params,
      io.supertonic.engine.SynthesisJob synthesis,
      String stream,
      int credits) {
    if (isFull()) {
      rejectBusy(message);
      return;
    }
    String jobId = UUID.randomUUID().toString();
    String control = "supertonic.job." + jobId;
    WorkerJob job = new WorkerJob(vertx, jobId, request.id(), params, synthesis, stream, credits);
    job.maxAudioSeconds(config().getDouble("max_audio_seconds", ServerLimits.MAX_AUDIO_SECONDS));
    MessageConsumer<JsonObject> controlConsumer =
        vertx.eventBus().consumer(control, m -> onControl(job, m.body()));
    job.controlConsumer(controlConsumer);
    int ahead = inFlight.size() >= settings.maxConcurrent() ? queue.size() + 1 : 0;
    controlConsumer
        .completion()
        .onComplete(
            registered -> {
              message.reply(
                  new JsonObject()
                      .put("job", jobId)
                      .put("control", control)
                      .put("voice", params.voice())
                      .put("lang", params.lang())
                      .put("sample_rate", info.sampleRate())
                      .put("seed", params.seed())
                      .put("queued", ahead));
              queue.add(job);
              if (!pump()) {
                publishQueueDepth();
              }
            });
  }

  private boolean isFull() {
    return inFlight.size() >= settings.maxConcurrent() && queue.size() >= settings.maxQueue();
  }

  private void rejectBusy(Message<JsonObject> message) {
    fail(
        message,
        SynthesisProtocol.FAILURE_BUSY,
        "Server busy: "
            + settings.maxConcurrent()
            + " synthesis running and "
            + settings.maxQueue()
            + " queued. Retry shortly.",
        null,
        "queue_full");
  }

  private void onControl(WorkerJob job, JsonObject control) {
    String type = control.getString("type", "");
    if (SynthesisProtocol.TYPE_CREDIT.equals(type)) {
      job.gate().grant(control.getInteger("n", 1));
    } else if (SynthesisProtocol.TYPE_CANCEL.equals(type)) {
      job.gate().cancel();
      if (queue.remove(job)) {
        job.send(terminal(SynthesisProtocol.TYPE_CANCELLED));
        job.release();
        publishQueueDepth();
      }
    }
  }

  /**
   * Starts queued jobs while slots are free; true when any started (the new depth is then
   * published).
   */
  private boolean pump() {
    boolean moved = false;
    while (inFlight.size() < settings.maxConcurrent() && !queue.isEmpty()) {
      moved = true;
      WorkerJob job = queue.poll();
      vertx.eventBus().publish(Addresses.METRICS_ACTIVE, new JsonObject().put("active", 1));
      Future<JsonObject> run =
          executor.executeBlocking(() -> job.run(settings.stallTimeoutMs()), false);
      inFlight.put(job, run);
      run.onComplete(
          done -> {
            inFlight.remove(job);
            vertx.eventBus().publish(Addresses.METRICS_ACTIVE, new JsonObject().put("active", -1));
            JsonObject outcome =
                done.succeeded() ? done.result() : internalError(job, done.cause());
            job.send(outcome);
            job.release();
            pump();
          });
    }
    if (moved) {
      int ahead = 0;
      for (WorkerJob waiting : queue) {
        waiting.send(terminal(SynthesisProtocol.TYPE_QUEUED).put("ahead", ahead++));
      }
      publishQueueDepth();
    }
    return moved;
  }

  private void publishQueueDepth() {
    vertx
        .eventBus()
        .publish(
            Addresses.METRICS_QUEUE,
            new JsonObject().put("queued", queue.size()).put("worker", workerId));
  }

  private static JsonObject internalError(WorkerJob job, Throwable cause) {
    LOG.error("Synthesis {} failed", SafeText.of(job.requestId(), 128), cause);
    return terminal(SynthesisProtocol.TYPE_ERROR)
        .put("status", 500)
        .put("code", "synthesis_failed")
        .put("message", "synthesis failed: " + cause.getMessage());
  }

  static JsonObject terminal(String type) {
    return new JsonObject().put("type", type);
  }

  private static void fail(
      Message<?> message, int code, String text, String param, String errorCode) {
    message.fail(
        code,
        new JsonObject().put("message", text).put("param", param).put("code", errorCode).encode());
  }
}
