package io.supertonic.worker;

import io.supertonic.audio.Pcm16;
import io.supertonic.bus.ChunkHeader;
import io.supertonic.bus.EndStats;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.JobRequest;
import io.supertonic.bus.StreamMessage;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.ChunkInProgress;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One admitted synthesis: its lazy engine job, its credit gate, where its audio goes, its chunk
 * progress and when each side was last heard from (for the keep-alives and the vanished-client
 * check). The worker runs its chunks one at a time, interleaved with other streams' chunks by the
 * {@link ChunkScheduler}.
 */
final class WorkerJob {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerJob.class);

  private final Vertx vertx;
  private final String jobId;
  private final JobRequest request;
  private final SynthesisParams params;
  private final SynthesisJob synthesis;
  private final CreditGate gate;
  private final long admittedNanos = System.nanoTime();
  private volatile long lastSentNanos = System.nanoTime();
  private volatile long lastHeardNanos = System.nanoTime();
  private MessageConsumer<JsonObject> controlConsumer;
  private boolean registered;
  private double maxAudioSeconds = Double.MAX_VALUE;
  // Chunk progress: touched on the event loop only (the engine job itself runs on the pool).
  private long startedNanos = -1;
  private long synthNanos;
  private long samples;
  private int seq;
  private double firstChunkMs = -1;
  private boolean inChunk;
  private long stallTimer = -1;
  // The chunk being synthesized step by step (deadline scheduling), between slices; and its cost.
  private ChunkInProgress current;
  private int currentTokens = -1;
  private long chunkWorkNanos;

  WorkerJob(
      Vertx vertx,
      String jobId,
      JobRequest request,
      SynthesisParams params,
      SynthesisJob synthesis) {
    this.vertx = vertx;
    this.jobId = jobId;
    this.request = request;
    this.params = params;
    this.synthesis = synthesis;
    this.gate = new CreditGate(request.credits());
  }

  String jobId() {
    return jobId;
  }

  String requestId() {
    return request.request().id();
  }

  /** Clients from before protocol 1.0 send no keep-alives; only the stall timeout guards them. */
  boolean clientSendsKeepAlives() {
    return request.version() != null;
  }

  CreditGate gate() {
    return gate;
  }

  /** The job ends with {@code audio_too_long} rather than send a chunk past this much audio. */
  void maxAudioSeconds(double seconds) {
    this.maxAudioSeconds = seconds;
  }

  void controlConsumer(MessageConsumer<JsonObject> consumer) {
    this.controlConsumer = consumer;
  }

  /** Its control address is registered: it may start and be told about. */
  boolean registered() {
    return registered;
  }

  /**
   * The control address is registered and the accept is about to go out. The client's liveness
   * clock starts now, not at admission: the client cannot send a keep-alive before the accept names
   * the control address, and on a cluster the registration before it can take seconds under load.
   */
  void markRegistered() {
    registered = true;
    heardFromClient();
  }

  void heardFromClient() {
    lastHeardNanos = System.nanoTime();
  }

  long clientSilentMs() {
    return (System.nanoTime() - lastHeardNanos) / 1_000_000;
  }

  long streamSilentMs() {
    return (System.nanoTime() - lastSentNanos) / 1_000_000;
  }

  SynthesisJob synthesis() {
    return synthesis;
  }

  /** The stall timer while the stream waits for credit; -1 when none. */
  long stallTimer() {
    return stallTimer;
  }

  void stallTimer(long id) {
    this.stallTimer = id;
  }

  /** A chunk of this job is being synthesized (possibly in a batch with other streams). */
  boolean inChunk() {
    return inChunk;
  }

  SynthesisParams params() {
    return params;
  }

  /** The chunk begun and not finished yet, or null. */
  ChunkInProgress current() {
    return current;
  }

  /** A chunk of {@code tokens} text tokens was begun (or, with null, finished or dropped). */
  void current(ChunkInProgress chunk, int tokens) {
    if (current != null && current != chunk) {
      current.close(); // idempotent: a finished chunk was closed by the engine already
    }
    this.current = chunk;
    this.currentTokens = tokens;
  }

  /** Text tokens of the chunk begun, or of the one that would begin next (-1: unknown). */
  int chunkTokens() {
    return current != null ? currentTokens : synthesis.nextChunkLength();
  }

  /** Adds inference time spent on the current chunk; returns the total so far. */
  long addChunkWork(long nanos) {
    chunkWorkNanos += nanos;
    return chunkWorkNanos;
  }

  /** The work on the current chunk stopped part-way (a slice ended); it resumes when picked. */
  void chunkPaused() {
    inChunk = false;
  }

  /** Whether a chunk has gone to the client (the stream is playing). */
  boolean hasDelivered() {
    return seq > 0;
  }

  /** Its next chunk was taken by the scheduler; the first one ends its queue wait. */
  void chunkStarted() {
    inChunk = true;
    if (startedNanos < 0) {
      startedNanos = System.nanoTime();
    }
  }

  /**
   * Sends a synthesized chunk at once. {@code chunkNanos} is the inference time of the batch that
   * made it (shared by every stream in that batch).
   */
  void deliver(AudioChunk chunk, long chunkNanos) {
    inChunk = false;
    chunkWorkNanos = 0;
    synthNanos += chunkNanos;
    if (seq == 0) {
      firstChunkMs = (System.nanoTime() - startedNanos) / 1e6;
    }
    ChunkHeader header =
        new ChunkHeader(
            seq,
            chunkNanos / 1e6,
            seq == 0 ? (startedNanos - admittedNanos) / 1e6 : -1,
            chunk.text());
    byte[] pcm = Pcm16.toLittleEndian(chunk.pcm());
    seq++;
    samples += chunk.pcm().length;
    if (request.base64Chunks()) {
      send(new StreamMessage.Chunk(header, pcm));
    } else {
      lastSentNanos = System.nanoTime();
      vertx.eventBus().send(request.stream(), Buffer.buffer(pcm), header.toDeliveryOptions());
    }
  }

  /** Whether this chunk would take the stream past {@code max_audio_seconds}. */
  boolean wouldExceedAudioLimit(AudioChunk chunk) {
    return (samples + chunk.pcm().length) / (double) synthesis.sampleRate() > maxAudioSeconds;
  }

  StreamMessage audioTooLong() {
    return new StreamMessage.Error(
        new SynthesisFailure(
            "audio_too_long",
            400,
            "The audio would run past the limit of "
                + Math.round(maxAudioSeconds)
                + " s (max_audio_seconds); the rest of the text was not spoken.",
            "input"));
  }

  /** The chunk in flight failed; the job ends with the message this returns. */
  StreamMessage failed(Throwable cause) {
    inChunk = false;
    if (cause instanceof InvalidRequestException e) {
      return new StreamMessage.Error(
          new SynthesisFailure(e.code(), 400, e.getMessage(), e.param()));
    }
    LOG.error("Synthesis {} failed", requestId(), cause);
    return internalError(cause);
  }

  /** The terminal message of a job whose last chunk was delivered. */
  StreamMessage end() {
    double audioSeconds = samples / (double) synthesis.sampleRate();
    double synthMs = synthNanos / 1e6;
    LOG.debug("Job {} done: {} chunks, {} s of audio in {} ms", jobId, seq, audioSeconds, synthMs);
    return new StreamMessage.End(
        new EndStats(
            seq,
            samples,
            audioSeconds,
            synthMs,
            firstChunkMs,
            (startedNanos - admittedNanos) / 1e6,
            audioSeconds > 0 ? synthMs / 1000.0 / audioSeconds : 0.0,
            params.seed(),
            params.voice(),
            params.lang()));
  }

  static StreamMessage internalError(Throwable cause) {
    return new StreamMessage.Error(
        new SynthesisFailure(
            ErrorCode.SYNTHESIS_FAILED, "synthesis failed: " + cause.getMessage()));
  }

  void send(StreamMessage message) {
    lastSentNanos = System.nanoTime();
    vertx.eventBus().send(request.stream(), message.toJson());
  }

  void release() {
    if (controlConsumer != null) {
      controlConsumer.unregister();
    }
    if (current != null) {
      // A chunk begun and never finished (cancelled, stalled, failed): free its native inputs.
      current.close();
      current = null;
    }
  }
}
