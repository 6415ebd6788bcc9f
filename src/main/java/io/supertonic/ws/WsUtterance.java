package io.supertonic.ws;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.ChunkHeader;
import io.supertonic.bus.EndStats;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.bus.SynthesisStream;
import io.supertonic.metrics.RequestRecord;
import io.supertonic.timestamps.SpanTimestamp;
import io.supertonic.timestamps.TimestampTrack;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One flushed piece of text, from the synthesis request to its terminal message ({@code audio_end},
 * {@code cancelled} or {@code error}) and its metrics record. The synthesis stream is piped into
 * the socket's outbox: a frame counts as written once the route confirms the socket took it, and
 * until then the pipe holds the stream (and so the worker's credits) back, so a slow client slows
 * synthesis instead of filling memory.
 */
final class WsUtterance {
  private static final Logger LOG = LoggerFactory.getLogger(WsUtterance.class);

  /**
   * Largest PCM payload per frame (about 0.37 s at 44.1 kHz; 44 KB once base64-encoded): a whole
   * synthesized sentence can be megabytes, beyond common client message limits (Vert.x 256 KB,
   * Python websockets 1 MB), and smaller frames let playback start sooner.
   */
  static final int MAX_FRAME_PCM_BYTES = 32_768;

  private final Vertx vertx;
  private final String id;
  private final String text;
  private final WsConfig config;

  /** Created on the first chunk when the session asked for timestamps. */
  private TimestampTrack timestamps;
  private final long flushNanos;
  private final long flushEpochMs;
  private final WsOutbox outbox;
  private final Handler<WsUtterance> onDone;

  private SynthesisStream stream;
  private PcmConverter converter;
  private int outputRate;
  private long bytesSent;
  private double ttfbMs = -1;
  private boolean cancelRequested;
  private boolean done;

  WsUtterance(
      Vertx vertx,
      String id,
      String text,
      WsConfig config,
      WsOutbox outbox,
      Handler<WsUtterance> onDone) {
    this.vertx = vertx;
    this.id = id;
    this.text = text;
    this.config = config;
    this.outbox = outbox;
    this.onDone = onDone;
    this.flushNanos = System.nanoTime();
    this.flushEpochMs = System.currentTimeMillis();
  }

  void start(SynthesisClient client) {
    SynthesisRequest request =
        new SynthesisRequest(
            id, text, config.voice(), config.lang(), config.speed(), config.totalSteps(), null);
    client
        .start(request, SynthesisProtocol.DEFAULT_CREDITS)
        .onSuccess(this::attach)
        .onFailure(this::finishWithFailure);
  }

  /**
   * Stops at the next chunk boundary; the client then gets {@code cancelled} instead of the rest.
   */
  void cancel() {
    cancelRequested = true;
    if (stream != null) {
      stream.cancel();
    }
  }

  boolean isCancelRequested() {
    return cancelRequested;
  }

  private void attach(SynthesisStream accepted) {
    stream = accepted;
    outputRate = config.outputRate(accepted.sampleRate());
    try {
      converter = new PcmConverter(accepted.sampleRate(), outputRate);
    } catch (RuntimeException e) {
      accepted.cancel();
      finishWithError(
          ErrorCode.INVALID_REQUEST.id(),
          "cannot resample to " + outputRate + " Hz: " + e.getMessage());
      return;
    }
    accepted
        .pipe()
        .endOnFailure(false)
        .to(new AudioSink())
        .onComplete(
            done -> {
              if (done.succeeded()) {
                onEnd(accepted.stats() == null ? EndStats.EMPTY : accepted.stats());
              } else {
                finishWithFailure(done.cause());
              }
            });
    if (cancelRequested) {
      accepted.cancel();
    }
  }

  /**
   * The socket as a {@code WriteStream} of model-rate PCM: converted to the client's rate and sent
   * in frames; full until the route confirmed the last frames.
   */
  private final class AudioSink implements WriteStream<Buffer> {
    private int unconfirmed;
    private Handler<Void> drainHandler;

    @Override
    public Future<Void> write(Buffer chunk) {
      // Read now: the stream names the chunk it is handing over only during this call.
      SpanTimestamp timestamp = timestamp(chunk);
      if (cancelRequested || done) {
        // The worker stops at its next boundary; what it already made is dropped.
        return Future.succeededFuture();
      }
      Buffer pcm;
      try {
        pcm = converter.convert(chunk);
      } catch (RuntimeException e) {
        stream.cancel();
        return Future.failedFuture(
            new SynthesisFailure(ErrorCode.INTERNAL_ERROR, "resampling failed: " + e.getMessage()));
      }
      if (pcm.length() == 0) {
        return Future.succeededFuture();
      }
      unconfirmed++;
      Future<Void> sent = sendAudio(pcm);
      if (timestamp != null) {
        outbox.send(timestamp.toJson().put("type", "timestamps"));
      }
      return sent.andThen(
              v -> {
                unconfirmed--;
                Handler<Void> handler = drainHandler;
                if (handler != null && !writeQueueFull()) {
                  drainHandler = null;
                  handler.handle(null);
                }
              });
    }

    @Override
    public Future<Void> end() {
      return Future.succeededFuture();
    }

    @Override
    public boolean writeQueueFull() {
      return unconfirmed > 0;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      this.drainHandler = handler;
      return this;
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
      return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
      return this;
    }
  }

  /** The chunk's span and times when the session asked for timestamps. */
  private SpanTimestamp timestamp(Buffer chunk) {
    ChunkHeader header = stream.currentChunk();
    if (!config.timestamps() || header == null || header.text() == null) {
      return null;
    }
    if (timestamps == null) {
      timestamps = new TimestampTrack(text, stream.sampleRate());
    }
    return timestamps.add(header.text(), chunk.length() / 2, false);
  }

  private Future<Void> sendAudio(Buffer pcm) {
    if (ttfbMs < 0) {
      ttfbMs = elapsedMs();
      outbox.send(new JsonObject().put("type", "audio_start").put("ttfb_ms", round2(ttfbMs)));
    }
    bytesSent += pcm.length();
    List<Future<Void>> frames = new ArrayList<>();
    for (int from = 0; from < pcm.length(); from += MAX_FRAME_PCM_BYTES) {
      frames.add(
          outbox.sendAudio(
              pcm.slice(from, Math.min(pcm.length(), from + MAX_FRAME_PCM_BYTES)),
              config.binary()));
    }
    return Future.all(frames)
        .<Void>mapEmpty()
        .onFailure(
            err -> {
              // The socket is gone; free the worker.
              if (!cancelRequested) {
                LOG.debug(
                    "Utterance {}: audio frame not delivered ({}); cancelling",
                    id,
                    err.getMessage());
                cancel();
              }
            });
  }

  private void onEnd(EndStats workerStats) {
    if (cancelRequested) {
      finishCancelled();
      return;
    }
    Buffer tail;
    try {
      tail = converter.finish();
    } catch (RuntimeException e) {
      finishWithError(ErrorCode.INTERNAL_ERROR.id(), "resampling failed: " + e.getMessage());
      return;
    }
    if (tail.length() > 0) {
      sendAudio(tail);
    }
    double totalMs = elapsedMs();
    double audioS = bytesSent / 2.0 / outputRate;
    double synthMs = workerStats.synthMs();
    double modelAudioS = workerStats.audioS();
    double rtf = modelAudioS > 0 ? synthMs / 1000.0 / modelAudioS : 0.0;
    JsonObject stats =
        new JsonObject()
            .put("ttfb_ms", round2(Math.max(ttfbMs, 0)))
            .put("total_ms", round2(totalMs))
            .put("bytes", bytesSent)
            .put("audio_s", round4(audioS))
            .put("rtf", round4(rtf))
            .put("sample_rate", outputRate)
            .put("synth_ms", round2(synthMs))
            .put("chunks", workerStats.chunks())
            .put("voice", stream.voice())
            .put("lang", stream.lang())
            .put("seed", stream.seed());
    outbox.send(new JsonObject().put("type", "audio_end").put("stats", stats));
    finish("ok", totalMs, audioS, rtf, null);
  }

  private void finishCancelled() {
    if (done) {
      return;
    }
    outbox.send(new JsonObject().put("type", "cancelled"));
    double totalMs = elapsedMs();
    finish("cancelled", totalMs, bytesSent / 2.0 / Math.max(outputRate, 1), 0.0, null);
  }

  private void finishWithFailure(Throwable err) {
    if (err instanceof SynthesisFailure failure) {
      if (failure.is(ErrorCode.CANCELLED)) {
        finishCancelled();
      } else {
        finishWithError(failure.code(), failure.getMessage());
      }
    } else {
      finishWithError(ErrorCode.INTERNAL_ERROR.id(), String.valueOf(err.getMessage()));
    }
  }

  private void finishWithError(String code, String message) {
    if (done) {
      return;
    }
    if (cancelRequested) {
      // The client asked to stop; a failure on the way out is not news to it.
      finishCancelled();
      return;
    }
    if (ErrorCode.QUEUE_FULL.id().equals(code)) {
      outbox.busy(message); // every worker is full: the agent should back off and retry
    } else {
      outbox.error(code, message);
    }
    finish("error", elapsedMs(), bytesSent / 2.0 / Math.max(outputRate, 1), 0.0, message);
  }

  private void finish(String status, double totalMs, double audioS, double rtf, String error) {
    if (done) {
      return;
    }
    done = true;
    String voice = stream != null && stream.voice() != null ? stream.voice() : config.voice();
    String lang = stream != null && stream.lang() != null ? stream.lang() : config.lang();
    RequestRecord record =
        new RequestRecord(
            id,
            flushEpochMs,
            RequestRecord.snippet(text),
            text.length(),
            voice,
            lang,
            "pcm",
            status,
            ttfbMs < 0 ? -1.0 : round2(ttfbMs),
            round2(totalMs),
            bytesSent,
            round4(audioS),
            round4(rtf),
            error,
            "ws");
    vertx.eventBus().publish(Addresses.METRICS_RECORD, record.toJson());
    LOG.debug("Utterance {} {}: {} bytes in {} ms", id, status, bytesSent, round2(totalMs));
    onDone.handle(this);
  }

  private double elapsedMs() {
    return (System.nanoTime() - flushNanos) / 1e6;
  }

  private static double round2(double v) {
    return Math.round(v * 100.0) / 100.0;
  }

  private static double round4(double v) {
    return Math.round(v * 10_000.0) / 10_000.0;
  }
}
