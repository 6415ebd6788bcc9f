package io.supertonic.worker;

import io.supertonic.audio.Pcm16;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One admitted synthesis: its lazy engine job, its credit gate and where its audio goes. */
final class WorkerJob {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerJob.class);

  private final Vertx vertx;
  private final String jobId;
  private final String requestId;
  private final SynthesisParams params;
  private final SynthesisJob synthesis;
  private final String stream;
  private final CreditGate gate;
  private final long admittedNanos = System.nanoTime();
  private MessageConsumer<JsonObject> controlConsumer;
  private double maxAudioSeconds = Double.MAX_VALUE;

  WorkerJob(
      Vertx vertx,
      String jobId,
      String requestId,
      SynthesisParams params,
      SynthesisJob synthesis,
      String stream,
      int credits) {
    this.vertx = vertx;
    this.jobId = jobId;
    this.requestId = requestId;
    this.params = params;
    this.synthesis = synthesis;
    this.stream = stream;
    this.gate = new CreditGate(credits);
  }

  String requestId() {
    return requestId;
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

  /**
   * Synthesizes chunk after chunk on the calling (worker pool) thread, sending each as soon as it
   * exists, and returns the terminal message. Stops at a chunk boundary when cancelled.
   */
  JsonObject run(long stallTimeoutMs) throws InterruptedException {
    long started = System.nanoTime();
    long synthNanos = 0;
    long samples = 0;
    int seq = 0;
    double firstChunkMs = -1;
    try {
      while (synthesis.hasNext()) {
        if (!gate.take(stallTimeoutMs)) {
          if (!gate.isCancelled()) {
            LOG.info(
                "Job {} dropped: no acknowledgement from the client for {} ms",
                jobId,
                stallTimeoutMs);
          }
          return SynthesisWorkerVerticle.terminal(SynthesisProtocol.TYPE_CANCELLED);
        }
        long t0 = System.nanoTime();
        AudioChunk chunk = synthesis.next();
        long chunkNanos = System.nanoTime() - t0;
        synthNanos += chunkNanos;
        if ((samples + chunk.pcm().length) / (double) synthesis.sampleRate() > maxAudioSeconds) {
          return SynthesisWorkerVerticle.terminal(SynthesisProtocol.TYPE_ERROR)
              .put("status", 400)
              .put("code", "audio_too_long")
              .put(
                  "message",
                  "The audio would run past the limit of "
                      + Math.round(maxAudioSeconds)
                      + " s (max_audio_seconds); the rest of the text was not spoken.");
        }
        DeliveryOptions headers =
            new DeliveryOptions()
                .addHeader(SynthesisProtocol.HEADER_TYPE, SynthesisProtocol.TYPE_CHUNK)
                .addHeader(SynthesisProtocol.HEADER_SEQ, Integer.toString(seq))
                .addHeader(SynthesisProtocol.HEADER_SYNTH_MS, millis(chunkNanos));
        if (seq == 0) {
          firstChunkMs = (System.nanoTime() - started) / 1e6;
          headers.addHeader(SynthesisProtocol.HEADER_QUEUE_MS, millis(started - admittedNanos));
        }
        seq++;
        samples += chunk.pcm().length;
        vertx.eventBus().send(stream, Buffer.buffer(Pcm16.toLittleEndian(chunk.pcm())), headers);
      }
    } catch (InvalidRequestException e) {
      return SynthesisWorkerVerticle.terminal(SynthesisProtocol.TYPE_ERROR)
          .put("status", 400)
          .put("code", e.code())
          .put("message", e.getMessage());
    }
    double audioSeconds = samples / (double) synthesis.sampleRate();
    double synthMs = synthNanos / 1e6;
    LOG.debug("Job {} done: {} chunks, {} s of audio in {} ms", jobId, seq, audioSeconds, synthMs);
    return SynthesisWorkerVerticle.terminal(SynthesisProtocol.TYPE_END)
        .put(
            "stats",
            new JsonObject()
                .put("chunks", seq)
                .put("samples", samples)
                .put("audio_s", audioSeconds)
                .put("synth_ms", synthMs)
                .put("first_chunk_ms", firstChunkMs)
                .put("queue_ms", (started - admittedNanos) / 1e6)
                .put("rtf", audioSeconds > 0 ? synthMs / 1000.0 / audioSeconds : 0.0)
                .put("seed", params.seed())
                .put("voice", params.voice())
                .put("lang", params.lang()));
  }

  private static String millis(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
  }

  void send(JsonObject message) {
    vertx.eventBus().send(stream, message);
  }

  void release() {
    if (controlConsumer != null) {
      controlConsumer.unregister();
    }
  }
}
