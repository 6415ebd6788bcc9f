package io.supertonic.worker;

import io.supertonic.audio.Pcm16;
import io.supertonic.bus.ChunkHeader;
import io.supertonic.bus.EndStats;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.JobRequest;
import io.supertonic.bus.StreamMessage;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.engine.AudioChunk;
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
 * One admitted synthesis: its lazy engine job, its credit gate, where its audio goes and when each
 * side was last heard from (for the keep-alives and the vanished-client check).
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

  void markRegistered() {
    registered = true;
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

  /**
   * Synthesizes chunk after chunk on the calling (worker pool) thread, sending each as soon as it
   * exists, and returns the terminal message. Stops at a chunk boundary when cancelled, and with
   * {@code stalled} when the client grants no credit for {@code stallTimeoutMs}.
   */
  StreamMessage run(long stallTimeoutMs) throws InterruptedException {
    long started = System.nanoTime();
    long synthNanos = 0;
    long samples = 0;
    int seq = 0;
    double firstChunkMs = -1;
    try {
      while (synthesis.hasNext()) {
        if (!gate.take(stallTimeoutMs)) {
          if (gate.isCancelled()) {
            return gate.cancelledWith();
          }
          LOG.info(
              "Job {} stalled: no credit from the client for {} ms; dropped",
              jobId,
              stallTimeoutMs);
          return new StreamMessage.Stalled(
              "no credit from the client for " + stallTimeoutMs + " ms (stall timeout)");
        }
        long t0 = System.nanoTime();
        AudioChunk chunk = synthesis.next();
        long chunkNanos = System.nanoTime() - t0;
        synthNanos += chunkNanos;
        if ((samples + chunk.pcm().length) / (double) synthesis.sampleRate() > maxAudioSeconds) {
          return new StreamMessage.Error(
              new SynthesisFailure(
                  "audio_too_long",
                  400,
                  "The audio would run past the limit of "
                      + Math.round(maxAudioSeconds)
                      + " s (max_audio_seconds); the rest of the text was not spoken.",
                  "input"));
        }
        if (seq == 0) {
          firstChunkMs = (System.nanoTime() - started) / 1e6;
        }
        ChunkHeader header =
            new ChunkHeader(
                seq,
                chunkNanos / 1e6,
                seq == 0 ? (started - admittedNanos) / 1e6 : -1,
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
    } catch (InvalidRequestException e) {
      return new StreamMessage.Error(
          new SynthesisFailure(e.code(), 400, e.getMessage(), e.param()));
    }
    if (gate.isCancelled()) {
      // Cancelled while the last chunk was made: the client asked to stop, so it hears so.
      return gate.cancelledWith();
    }
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
            (started - admittedNanos) / 1e6,
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
  }
}
