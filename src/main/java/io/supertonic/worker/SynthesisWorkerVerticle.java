package io.supertonic.worker;

import io.supertonic.bus.ActivityDelta;
import io.supertonic.config.ServerLimits;
import io.supertonic.text.SafeText;
import io.supertonic.bus.Addresses;
import io.supertonic.bus.ControlMessage;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.JobAccepted;
import io.supertonic.bus.JobRequest;
import io.supertonic.bus.QueueDepth;
import io.supertonic.bus.StreamMessage;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisFailureCodec;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.bus.WorkerDirectory;
import io.supertonic.bus.WorkerInfo;
import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.ChunkInProgress;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelInfo;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceAliases;
import io.supertonic.engine.text.LanguageGuesser;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synthesis worker: admits jobs on its own address ({@code supertonic.synth.<id>}) and on the
 * shared entry {@link Addresses#SYNTH}, runs at most {@code max_concurrent} of them, queues up to
 * {@code max_queue} more and refuses the rest with {@code queue_full}. The unit of work is a chunk:
 * the running streams' chunks are interleaved on one inference thread in the order the {@link
 * ChunkScheduler} gives ({@code scheduler}: earliest deadline first, or fifo), up to {@code
 * max_batch} ready chunks of different streams at a time through {@link
 * SupertonicEngine#nextBatch}. A stream without credit is held until its client reads. It
 * advertises its state ({@link WorkerInfo}) every second and on every change, keeps each stream it
 * owes audio alive, cancels jobs whose client went silent, and on stop drains: it takes no new
 * jobs, hands queued ones back for a retry elsewhere and lets running ones finish within the grace
 * period. The ONNX sessions belong to the shared {@link SupertonicEngine} handed in at deploy.
 * docs/event-bus.md describes the conversation.
 */
public final class SynthesisWorkerVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(SynthesisWorkerVerticle.class);

  /** Up to this many characters a request is prepared on the event loop (see {@link #prepare}). */
  static final int INLINE_PREPARE_CHARS = 4096;

  private static final String FORWARDED_HEADER = "forwarded";
  private static final long SWEEP_MS = 250;
  // Longest over shortest chunk (in text tokens) that may share a batch.
  private static final double MAX_BATCH_LENGTH_RATIO = 1.5;

  private final SupertonicEngine engine;
  private final Deque<WorkerJob> queue = new ArrayDeque<>();
  // Admitted streams (at most max_concurrent), whose chunks the scheduler interleaves.
  private final Map<String, WorkerJob> running = new LinkedHashMap<>();
  private ChunkScheduler<String> scheduler;
  private final ChunkCostModel costs = new ChunkCostModel();
  private boolean batchInFlight;
  // Raised on the event loop when the scheduler should decide again (a stream was admitted or got
  // credit back): the inference thread ends its slice at the next denoising step.
  private final AtomicBoolean reconsider = new AtomicBoolean();
  private Promise<Void> drained;
  private final String workerId = UUID.randomUUID().toString();
  private final String node = ManagementFactory.getRuntimeMXBean().getName();
  private final List<MessageConsumer<?>> admission = new ArrayList<>();
  private WorkerSettings settings;
  private WorkerExecutor executor;
  private ModelInfo info;
  private WorkerDirectory directory;
  private boolean draining;
  private long lastSweepNanos = System.nanoTime();
  private VoiceAliases aliases;

  public SynthesisWorkerVerticle(SupertonicEngine engine) {
    this.engine = engine;
  }

  /** This worker's id, as advertised. */
  public String workerId() {
    return workerId;
  }

  @Override
  public Future<?> start() {
    info = engine.info();
    settings = WorkerSettings.fromJson(config(), info.accelerated());
    SynthesisFailureCodec.register(vertx);
    if (LanguageGuesser.AUTO.equalsIgnoreCase(settings.defaultLang())) {
      loadLatinDetector(); // serve --lang auto has loaded it already; a worker alone loads it now
    }
    aliases = VoiceAliases.fromJson(config().getJsonObject("voice_aliases"));
    if (!aliases.unresolvable(info.voices()).isEmpty()) {
      return Future.failedFuture(
          new IllegalArgumentException(
              "voice aliases name unknown voices: " + aliases.unresolvable(info.voices())));
    }
    // Long syntheses are expected on this pool; do not let Vert.x flag them as blocked threads.
    // One pool per worker: several workers in one process must not share slots.
    // One inference at a time per worker: the streams share it chunk by chunk (the engine itself
    // uses every core for one inference).
    executor =
        vertx.createSharedWorkerExecutor("supertonic-synth-" + workerId, 1, 1, TimeUnit.HOURS);
    scheduler = new ChunkScheduler<>(settings.scheduler());
    directory = new WorkerDirectory(vertx);
    var bus = vertx.eventBus();
    MessageConsumer<JsonObject> own =
        bus.consumer(Addresses.synthWorker(workerId), m -> onRequest(m, false));
    // Forwarded once at most: the worker it went to admits or refuses it.
    MessageConsumer<JsonObject> entry =
        bus.consumer(Addresses.SYNTH, m -> onRequest(m, m.headers().get(FORWARDED_HEADER) == null));
    admission.add(own);
    admission.add(entry);
    MessageConsumer<Object> ping = bus.consumer(Addresses.WORKER_PING, m -> m.reply(infoJson()));
    MessageConsumer<Object> hello = bus.consumer(Addresses.WORKERS_HELLO, m -> advertise());
    vertx.setPeriodic(SynthesisProtocol.ADVERT_INTERVAL_MS, id -> advertise());
    vertx.setPeriodic(SWEEP_MS, id -> sweep());
    return Future.all(
            List.of(
                own.completion(),
                entry.completion(),
                ping.completion(),
                hello.completion(),
                directory.start()))
        .onSuccess(
            v -> {
              LOG.info(
                  "Synthesis worker {} ready: {} stream(s), queue {}, scheduler {}, max batch {}",
                  workerId,
                  settings.maxConcurrent(),
                  settings.maxQueue(),
                  settings.scheduler().id(),
                  settings.maxBatch());
              advertise();
            });
  }

  /**
   * Drains: advertises {@code draining} at once and stops admitting, gives queued jobs back (their
   * clients retry elsewhere), lets running jobs finish within the grace period and then cancels
   * them. Completes only once every running job has left the engine: the ONNX sessions are closed
   * after this, and closing a session under a running inference crashes the JVM.
   */
  @Override
  public Future<?> stop() {
    draining = true;
    advertise();
    admission.forEach(MessageConsumer::unregister);
    for (WorkerJob job : List.copyOf(queue)) {
      if (!job.registered()) {
        continue;
      }
      job.send(
          new StreamMessage.Error(
              new SynthesisFailure(
                  ErrorCode.WORKER_SHUTDOWN,
                  "the worker is shutting down; the job had not started")));
      job.release();
    }
    queue.clear();
    publishQueueDepth();
    if (!running.isEmpty()) {
      LOG.info(
          "Draining: {} running job(s) may finish within {} ms",
          running.size(),
          settings.shutdownGraceMs());
    }
    drained = Promise.promise();
    long graceTimer =
        vertx.setTimer(
            Math.max(1, settings.shutdownGraceMs()),
            id -> List.copyOf(running.values()).forEach(job -> cancel(job, shutdownError())));
    checkDrained();
    return drained
        .future()
        .onComplete(done -> vertx.cancelTimer(graceTimer))
        .transform(done -> directory.stop())
        .transform(done -> executor.close());
  }

  /** Drained once no stream runs and no inference is in flight (the sessions close after it). */
  private void checkDrained() {
    if (drained != null && running.isEmpty() && !batchInFlight) {
      drained.tryComplete();
    }
  }

  private static StreamMessage shutdownError() {
    return new StreamMessage.Error(
        new SynthesisFailure(
            ErrorCode.WORKER_SHUTDOWN,
            "the worker shut down before the job finished (shutdown grace period over)"));
  }

  private WorkerInfo workerInfo() {
    return new WorkerInfo(
        workerId,
        node,
        info.model(),
        info.providers(),
        info.sampleRate(),
        info.languages(),
        engine.info().voices(), // live: voices are uploaded at run time
        settings.maxConcurrent(),
        running.size(),
        queue.size(),
        settings.maxQueue(),
        draining);
  }

  private JsonObject infoJson() {
    return workerInfo().toJson();
  }

  private void advertise() {
    vertx.eventBus().publish(Addresses.WORKERS, infoJson());
  }

  private void onRequest(Message<JsonObject> message, boolean mayForward) {
    JsonObject body = message.body() == null ? new JsonObject() : message.body();
    JobRequest job;
    try {
      job = validated(body);
    } catch (SynthesisFailure failure) {
      message.reply(failure);
      return;
    }
    if (mayForward && forward(message, body)) {
      return;
    }
    if (draining) {
      message.reply(new SynthesisFailure(ErrorCode.WORKER_SHUTDOWN, "the worker is shutting down"));
      return;
    }
    if (isFull()) {
      rejectBusy(message);
      return;
    }
    SynthesisRequest request = job.request();
    String voice;
    try {
      voice = resolveVoice(request.voice());
    } catch (InvalidRequestException e) {
      message.reply(invalid(e));
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
    prepare(params)
        .onSuccess(synthesis -> admit(message, job, params, synthesis))
        .onFailure(
            err -> {
              if (err instanceof InvalidRequestException e) {
                message.reply(invalid(e));
              } else {
                LOG.error("Request {} could not be prepared", SafeText.of(request.id(), 128), err);
                message.reply(
                    new SynthesisFailure(
                        ErrorCode.INTERNAL_ERROR,
                        "synthesis could not start: " + err.getMessage()));
              }
            });
  }

  /**
   * Starts the synthesis: splits the text and preprocesses its first chunk, which validates it.
   * That takes 5-70 us for plain text of any length up to the limit, so it runs on the event loop:
   * a trip to the worker pool and back cost 0.4-1 ms of the time to first byte. SSML is parsed
   * whole (2.6 ms for 17,000 characters), so long input still goes to the pool.
   */
  private Future<io.supertonic.engine.SynthesisJob> prepare(SynthesisParams params) {
    if (params.text().length() > INLINE_PREPARE_CHARS) {
      return vertx.executeBlocking(() -> engine.start(params), false);
    }
    try {
      return Future.succeededFuture(engine.start(params));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private static JobRequest validated(JsonObject body) {
    if (!SynthesisProtocol.compatible(body.getString(SynthesisProtocol.FIELD_VERSION))) {
      throw new SynthesisFailure(
          ErrorCode.UNSUPPORTED_VERSION,
          "protocol version "
              + body.getString(SynthesisProtocol.FIELD_VERSION)
              + " is not supported; this worker speaks "
              + SynthesisProtocol.VERSION,
          "v");
    }
    JobRequest job = JobRequest.fromJson(body);
    if (job.stream() == null || job.stream().isBlank()) {
      throw new SynthesisFailure(
          ErrorCode.INVALID_REQUEST, "stream: the address for the audio is missing", "stream");
    }
    if (job.request().text() == null) {
      throw new SynthesisFailure(ErrorCode.INVALID_REQUEST, "text is missing", "text");
    }
    if (!SynthesisProtocol.CHUNK_ENCODING_BINARY.equals(job.chunkEncoding())
        && !SynthesisProtocol.CHUNK_ENCODING_BASE64.equals(job.chunkEncoding())) {
      throw new SynthesisFailure(
          ErrorCode.INVALID_CHUNK_ENCODING,
          "chunk_encoding must be binary or base64, got " + job.chunkEncoding(),
          "chunk_encoding");
    }
    return job;
  }

  /**
   * A request on the shared entry address goes to the worker with the most free capacity when that
   * is not this one: bus round robin alone would queue here while another worker idles.
   */
  private boolean forward(Message<JsonObject> message, JsonObject body) {
    int myFree = draining ? -1 : settings.maxConcurrent() - running.size();
    int myRoom =
        draining
            ? -1
            : settings.maxConcurrent() + settings.maxQueue() - running.size() - queue.size();
    var better =
        directory.available(info.model()).stream()
            .filter(w -> !w.worker().equals(workerId))
            .filter(w -> (myFree <= 0 && w.freeSlots() > 0) || (myRoom <= 0 && w.room() > 0))
            .max(
                java.util.Comparator.comparingInt(WorkerInfo::freeSlots)
                    .thenComparingInt(WorkerInfo::room));
    if (better.isEmpty()) {
      return false;
    }
    String target = better.get().worker();
    directory.pick(info.model(), Set.of(workerId));
    vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.synthWorker(target),
            body,
            new DeliveryOptions()
                .addHeader(FORWARDED_HEADER, workerId)
                .setSendTimeout(SynthesisProtocol.LIVENESS_TIMEOUT_MS))
        .onSuccess(reply -> message.reply(reply.body()))
        .onFailure(
            err -> {
              if (err instanceof SynthesisFailure failure
                  && !failure.is(ErrorCode.WORKER_SHUTDOWN)) {
                message.reply(failure);
              } else {
                // The other worker is gone: admit here if there is room after all.
                directory.forget(target);
                onRequest(message, false);
              }
            });
    return true;
  }

  /** The requested language, the default, or for {@code auto} the one the text's script names. */
  private String language(SynthesisRequest request) {
    String lang = request.lang() != null ? request.lang() : settings.defaultLang();
    if (!LanguageGuesser.AUTO.equalsIgnoreCase(lang)) {
      return lang;
    }
    String text = request.text() == null ? "" : request.text();
    if (!engine.text().latinDetectorLoaded()) {
      loadLatinDetector(); // until it is there, Latin-script text gets the fallback
    }
    return LanguageGuesser.guess(
        text,
        info.languages(),
        info.languages().contains("en") ? "en" : info.languages().get(0),
        engine.text().latinDetectorIfLoaded());
  }

  /** Lingua's models load in seconds: off the event loop, once (the call is idempotent). */
  private void loadLatinDetector() {
    vertx.executeBlocking(
        () -> {
          engine.text().loadLatinDetector();
          return null;
        },
        false);
  }

  private String resolveVoice(String requested) {
    String wanted = requested == null || requested.isBlank() ? settings.defaultVoice() : requested;
    // Live, not the start-up list: voices are added and removed at run time (POST /v1/voices).
    List<String> voices = engine.info().voices();
    return aliases
        .resolveVoice(wanted, voices)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "voice",
                    "invalid_voice",
                    "Unknown voice '"
                        + SafeText.of(wanted)
                        + "'. Valid voices: "
                        + String.join(", ", voices)
                        + ", or an OpenAI alias: "
                        + String.join(", ", aliases.all().keySet())));
  }

  private static SynthesisFailure invalid(InvalidRequestException e) {
    return new SynthesisFailure(e.code(), 400, e.getMessage(), e.param());
  }

  private void admit(
      Message<JsonObject> message,
      JobRequest request,
      SynthesisParams params,
      io.supertonic.engine.SynthesisJob synthesis) {
    if (draining) {
      message.reply(new SynthesisFailure(ErrorCode.WORKER_SHUTDOWN, "the worker is shutting down"));
      return;
    }
    if (isFull()) {
      rejectBusy(message);
      return;
    }
    String jobId = UUID.randomUUID().toString();
    String control = Addresses.jobControl(jobId);
    WorkerJob job = new WorkerJob(vertx, jobId, request, params, synthesis);
    // Queued at once (not yet startable) so concurrent admissions count it against the bound.
    queue.add(job);
    job.maxAudioSeconds(config().getDouble("max_audio_seconds", ServerLimits.MAX_AUDIO_SECONDS));
    MessageConsumer<JsonObject> controlConsumer =
        vertx.eventBus().consumer(control, m -> onControl(job, m.body()));
    job.controlConsumer(controlConsumer);
    controlConsumer
        .completion()
        .onComplete(
            registered -> {
              if (!queue.contains(job)) {
                // The worker started draining meanwhile and gave the job back.
                job.release();
                message.reply(
                    new SynthesisFailure(ErrorCode.WORKER_SHUTDOWN, "the worker is shutting down"));
                return;
              }
              job.markRegistered();
              int place = startsAtOnce(job) ? 0 : position(job) + 1;
              message.reply(
                  new JobAccepted(
                          jobId,
                          control,
                          workerId,
                          params.voice(),
                          params.lang(),
                          info.sampleRate(),
                          params.seed(),
                          place)
                      .toJson());
              if (!pump()) {
                queueChanged();
              }
            });
  }

  /** True when a slot is free and nothing startable waits before the job. */
  private boolean startsAtOnce(WorkerJob job) {
    int free = settings.maxConcurrent() - running.size();
    return position(job) < free;
  }

  private int position(WorkerJob job) {
    int i = 0;
    for (WorkerJob waiting : queue) {
      if (waiting == job) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private boolean isFull() {
    return running.size() + queue.size() >= settings.maxConcurrent() + settings.maxQueue();
  }

  private void rejectBusy(Message<JsonObject> message) {
    message.reply(
        new SynthesisFailure(
            ErrorCode.QUEUE_FULL,
            "Server busy: "
                + settings.maxConcurrent()
                + " synthesis running and "
                + settings.maxQueue()
                + " queued. Retry shortly."));
  }

  private void onControl(WorkerJob job, JsonObject body) {
    job.heardFromClient();
    ControlMessage.fromJson(body)
        .ifPresent(
            control -> {
              if (control instanceof ControlMessage.Credit credit) {
                job.gate().grant(credit.n());
              } else if (control instanceof ControlMessage.Cancel) {
                cancel(job, new StreamMessage.Cancelled("client"));
              }
            });
  }

  /** Stops a running job at its next chunk boundary, or takes a queued one out at once. */
  private void cancel(WorkerJob job, StreamMessage terminal) {
    job.gate().cancel(terminal);
    if (queue.remove(job)) {
      job.send(terminal);
      job.release();
      queueChanged();
    } else if (running.get(job.jobId()) == job && !job.inChunk()) {
      finish(job, terminal);
    }
    // A stream with a chunk in flight ends when that chunk comes back.
  }

  /**
   * Every {@value #SWEEP_MS} ms: a keep-alive to each stream this worker owes audio that heard
   * nothing for about a second, and cancellation of jobs whose client went silent.
   */
  private void sweep() {
    long now = System.nanoTime();
    // After a stall of this event loop (GC, starved CPU) the clients' keep-alives may still wait in
    // its queue: judge nobody until they had a chance to be handled.
    boolean selfStalled = now - lastSweepNanos > 4 * SWEEP_MS * 1_000_000L;
    lastSweepNanos = now;
    long keepAliveDue = SynthesisProtocol.KEEPALIVE_INTERVAL_MS - SWEEP_MS;
    List<WorkerJob> owed = new ArrayList<>(queue);
    owed.addAll(running.values());
    for (WorkerJob job : owed) {
      if (!job.registered() || job.gate().isCancelled()) {
        continue;
      }
      if (!selfStalled
          && job.clientSendsKeepAlives()
          && job.clientSilentMs() > SynthesisProtocol.LIVENESS_TIMEOUT_MS) {
        LOG.info(
            "Job {} (request {}) cancelled: its client sent nothing for {} ms",
            job.jobId(),
            job.requestId(),
            job.clientSilentMs());
        cancel(job, new StreamMessage.Cancelled("client_gone"));
      } else if (job.streamSilentMs() >= keepAliveDue) {
        job.send(new StreamMessage.KeepAlive());
      }
    }
  }

  /** Starts queued jobs while slots are free; true when any started (others were told). */
  private boolean pump() {
    boolean moved = false;
    while (running.size() < settings.maxConcurrent()
        && !queue.isEmpty()
        && queue.peek().registered()) {
      moved = true;
      WorkerJob job = queue.poll();
      vertx.eventBus().publish(Addresses.METRICS_ACTIVE, new ActivityDelta(1).toJson());
      running.put(job.jobId(), job);
      scheduler.admit(job.jobId(), System.nanoTime());
      reconsider.set(true);
      if (!job.gate().hasCredit()) {
        hold(job);
      }
    }
    if (moved) {
      queueChanged();
      dispatch();
    }
    return moved;
  }

  /**
   * Runs the next work the scheduler picks when the inference thread is free. Each picked stream
   * has credit (streams without are held); up to {@code max_batch} go through the engine as one
   * batch. With {@code fifo} a pick is a whole chunk; with {@code deadline} it is a slice of one
   * (see {@link #slice}), so a newcomer or a stream about to run dry waits at most one denoising
   * step for the inference thread.
   */
  private void dispatch() {
    if (batchInFlight || running.isEmpty()) {
      return;
    }
    ChunkScheduler.Plan<String> plan =
        scheduler.plan(settings.maxBatch(), System.nanoTime(), this::remainingNanos);
    if (plan.streams().isEmpty()) {
      return;
    }
    boolean stepped = scheduler.policy() == ChunkScheduler.Policy.DEADLINE;
    List<WorkerJob> batch = new ArrayList<>(plan.streams().size());
    // Work that joins the first pick's batch delays it: with deadline, only as much as the playing
    // streams' slack allows.
    long budget = stepped ? plan.batchBudgetNanos() : Long.MAX_VALUE;
    for (String id : plan.streams()) {
      WorkerJob job = running.get(id);
      if (batch.isEmpty()) {
        batch.add(job);
        continue;
      }
      long cost = remainingNanos(id);
      if (engine.isBatchable(job.synthesis())
          && engine.isBatchable(batch.get(0).synthesis())
          && similarLength(batch.get(0), job)
          && cost <= budget) {
        budget -= cost;
        batch.add(job);
      } else {
        scheduler.paused(id); // runs alone or in another batch, on a later turn
      }
    }
    for (WorkerJob job : batch) {
      if (job.current() == null) {
        job.gate().tryTake();
      }
      job.chunkStarted();
    }
    if (LOG.isDebugEnabled()) {
      logPlan(plan, batch);
    }
    batchInFlight = true;
    if (stepped && engine.isBatchable(batch.get(0).synthesis())) {
      runSlice(batch, plan.reconsiderAtNanos());
    } else {
      runWhole(batch);
    }
  }

  /** One line per scheduling decision, for tuning the scheduler from a load run's log. */
  private void logPlan(ChunkScheduler.Plan<String> plan, List<WorkerJob> batch) {
    long now = System.nanoTime();
    StringBuilder streams = new StringBuilder();
    for (String id : plan.streams()) {
      WorkerJob job = running.get(id);
      streams
          .append(' ')
          .append(id, 0, Math.min(8, id.length()))
          .append(job.hasDelivered() ? "" : "(new)")
          .append(String.format(Locale.ROOT, ":due%+d", (scheduler.deadline(id) - now) / 1_000_000))
          .append(String.format(Locale.ROOT, ",est%d", remainingNanos(id) / 1_000_000))
          .append(",tok")
          .append(job.chunkTokens());
    }
    LOG.debug(
        "plan batch {} budget {} ms reconsider {} ms:{}",
        batch.size(),
        plan.batchBudgetNanos() == Long.MAX_VALUE ? "inf" : plan.batchBudgetNanos() / 1_000_000,
        plan.reconsiderAtNanos() == Long.MAX_VALUE
            ? "never"
            : (plan.reconsiderAtNanos() - now) / 1_000_000,
        streams);
  }

  /** Each stream's next chunk in one go. */
  private void runWhole(List<WorkerJob> batch) {
    executor
        .executeBlocking(() -> synthesize(batch), true)
        .onComplete(
            done -> {
              for (int i = 0; i < batch.size(); i++) {
                WorkerJob job = batch.get(i);
                if (done.succeeded()) {
                  onChunk(job, done.result().chunks().get(i), done.result().nanos());
                } else {
                  finish(job, job.failed(done.cause()));
                }
              }
              batchDone();
            });
  }

  /** A slice of each stream's chunk (see {@link #slice}); chunks not done go back to the scheduler. */
  private void runSlice(List<WorkerJob> batch, long reconsiderAt) {
    reconsider.set(false);
    executor
        .executeBlocking(() -> slice(batch, reconsiderAt), true)
        .onComplete(
            done -> {
              long[] shares = done.succeeded() ? shares(batch, done.result().nanos()) : null;
              for (int i = 0; i < batch.size(); i++) {
                WorkerJob job = batch.get(i);
                if (done.failed()) {
                  job.current(null, -1);
                  finish(job, job.failed(done.cause()));
                  continue;
                }
                long work = job.addChunkWork(shares[i]);
                AudioChunk chunk = done.result().chunks().get(i);
                if (chunk != null) {
                  costs.observe(
                      job.chunkTokens(), job.params().speed(), job.params().totalSteps(), work);
                  job.current(null, -1);
                  onChunk(job, chunk, work);
                } else if (job.gate().isCancelled()) {
                  job.chunkPaused();
                  finish(job, job.gate().cancelledWith());
                } else {
                  job.chunkPaused();
                  scheduler.paused(job.jobId());
                }
              }
              batchDone();
            });
  }

  /**
   * Still "in flight" until every chunk of the batch was handled, so the next batch is picked with
   * all of them back in the scheduler.
   */
  private void batchDone() {
    batchInFlight = false;
    checkDrained();
    dispatch();
  }

  /**
   * Whether two streams' chunks are close enough in length to share a batch: a batch costs what its
   * longest item costs, times its size, so a short chunk padded to a long one's length costs more
   * batched than alone (docs/BENCHMARKS.md, batching).
   */
  private static boolean similarLength(WorkerJob first, WorkerJob other) {
    int a = first.chunkTokens();
    int b = other.chunkTokens();
    if (a <= 0 || b <= 0) {
      return true;
    }
    return Math.max(a, b) <= MAX_BATCH_LENGTH_RATIO * Math.min(a, b);
  }

  /**
   * Each batch member's share of the batch's time, by its chunk's length, so the cost model learns
   * what each chunk costs and not the whole batch's time once per member.
   */
  private static long[] shares(List<WorkerJob> batch, long nanos) {
    double[] tokens = batch.stream().mapToDouble(j -> Math.max(1, j.chunkTokens())).toArray();
    double total = java.util.Arrays.stream(tokens).sum();
    long[] out = new long[batch.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (long) (nanos * tokens[i] / total);
    }
    return out;
  }

  /** The compute a stream's next chunk still needs, as far as this worker can tell. */
  private long remainingNanos(String id) {
    WorkerJob job = running.get(id);
    if (job == null) {
      return 0;
    }
    ChunkInProgress chunk = job.current();
    int stepsLeft =
        chunk != null ? chunk.totalSteps() - chunk.step() : job.params().totalSteps();
    return costs.remainingNanos(job.chunkTokens(), job.params().speed(), stepsLeft);
  }

  private record BatchResult(List<AudioChunk> chunks, long nanos) {}

  /** On the inference thread: the next chunk of each stream in the batch. */
  private BatchResult synthesize(List<WorkerJob> batch) {
    long t0 = System.nanoTime();
    List<AudioChunk> chunks =
        batch.size() == 1
            ? List.of(batch.get(0).synthesis().next())
            : engine.nextBatch(batch.stream().map(WorkerJob::synthesis).toList());
    return new BatchResult(chunks, System.nanoTime() - t0);
  }

  /**
   * On the inference thread: one slice of work for the batch. Streams without a chunk begun begin
   * their next one, then every chunk of the batch takes denoising steps together until one of them
   * is denoised (it goes through the vocoder and is returned at once), the scheduler asks to decide
   * again, or {@code reconsiderAt} passes. A chunk that is not done comes back as null and resumes
   * on a later slice: the same audio as in one go, since its latent and step carry over.
   */
  private BatchResult slice(List<WorkerJob> batch, long reconsiderAt) {
    long t0 = System.nanoTime();
    List<WorkerJob> fresh = batch.stream().filter(j -> j.current() == null).toList();
    if (!fresh.isEmpty()) {
      int[] tokens = fresh.stream().mapToInt(WorkerJob::chunkTokens).toArray();
      List<ChunkInProgress> begun =
          engine.beginChunks(fresh.stream().map(WorkerJob::synthesis).toList());
      for (int i = 0; i < fresh.size(); i++) {
        fresh.get(i).current(begun.get(i), tokens[i]);
      }
    }
    List<ChunkInProgress> chunks = batch.stream().map(WorkerJob::current).toList();
    while (chunks.stream().noneMatch(ChunkInProgress::denoised)) {
      engine.denoiseStep(chunks);
      if (reconsider.get() || System.nanoTime() >= reconsiderAt) {
        break;
      }
    }
    List<ChunkInProgress> done = chunks.stream().filter(ChunkInProgress::denoised).toList();
    List<AudioChunk> audio = engine.finishChunks(done);
    List<AudioChunk> out = new ArrayList<>(batch.size());
    int next = 0;
    for (ChunkInProgress chunk : chunks) {
      out.add(chunk.denoised() ? audio.get(next++) : null);
    }
    return new BatchResult(out, System.nanoTime() - t0);
  }

  /** A stream's chunk is back: send it, then end the stream, hold it, or let it be scheduled. */
  private void onChunk(WorkerJob job, AudioChunk chunk, long nanos) {
    if (job.gate().isCancelled()) {
      // Cancelled while the chunk was made: the client asked to stop, so it hears so.
      finish(job, job.gate().cancelledWith());
      return;
    }
    if (job.wouldExceedAudioLimit(chunk)) {
      finish(job, job.audioTooLong());
      return;
    }
    job.deliver(chunk, nanos);
    boolean more = job.synthesis().hasNext();
    scheduler.delivered(job.jobId(), chunk.seconds(info.sampleRate()), System.nanoTime(), more);
    if (!more) {
      finish(job, job.end());
    } else if (!job.gate().hasCredit()) {
      hold(job);
    }
  }

  /**
   * The stream is out of credit: skip it until its client reads, and drop it as {@code stalled} if
   * no credit comes within the stall timeout, so a client that stopped reading frees its place.
   */
  private void hold(WorkerJob job) {
    scheduler.hold(job.jobId());
    long stallMs = settings.stallTimeoutMs();
    job.stallTimer(
        vertx.setTimer(
            Math.max(1, stallMs),
            id -> {
              job.stallTimer(-1);
              LOG.info(
                  "Job {} stalled: no credit from the client for {} ms; dropped",
                  job.jobId(),
                  stallMs);
              finish(
                  job,
                  new StreamMessage.Stalled(
                      "no credit from the client for " + stallMs + " ms (stall timeout)"));
            }));
    job.gate()
        .whenCredited(
            () -> {
              cancelStallTimer(job);
              if (running.get(job.jobId()) == job) {
                scheduler.release(job.jobId());
                reconsider.set(true);
                dispatch();
              }
            });
  }

  private void cancelStallTimer(WorkerJob job) {
    if (job.stallTimer() >= 0) {
      vertx.cancelTimer(job.stallTimer());
      job.stallTimer(-1);
    }
  }

  /** Ends a running stream with its terminal message and frees its place. */
  private void finish(WorkerJob job, StreamMessage terminal) {
    if (running.remove(job.jobId()) != job) {
      return;
    }
    scheduler.remove(job.jobId());
    cancelStallTimer(job);
    job.gate().cancel(terminal); // drops a pending credit callback
    vertx.eventBus().publish(Addresses.METRICS_ACTIVE, new ActivityDelta(-1).toJson());
    job.send(terminal);
    job.release();
    if (!pump()) {
      advertise();
    }
    checkDrained();
  }

  /** Tells each waiting job its place, and everyone the new state. */
  private void queueChanged() {
    int ahead = 0;
    for (WorkerJob waiting : queue) {
      if (waiting.registered()) {
        waiting.send(new StreamMessage.Queued(ahead));
      }
      ahead++;
    }
    publishQueueDepth();
    advertise();
  }

  private void publishQueueDepth() {
    vertx
        .eventBus()
        .publish(Addresses.METRICS_QUEUE, new QueueDepth(workerId, queue.size()).toJson());
  }
}
