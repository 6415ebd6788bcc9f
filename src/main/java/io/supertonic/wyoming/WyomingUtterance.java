package io.supertonic.wyoming;

import io.supertonic.bus.Addresses;
import io.supertonic.metrics.RequestRecord;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One text spoken over a Wyoming connection: {@code audio-start}, {@code audio-chunk}s as the
 * worker makes them, {@code audio-stop}; or an {@code error} event. The worker is held back while
 * the socket's write queue is full and cancelled when the socket goes away. Ends with one metrics
 * record (transport {@code wyoming}).
 */
final class WyomingUtterance {
  private static final Logger LOG = LoggerFactory.getLogger(WyomingUtterance.class);

  /** PCM bytes per {@code audio-chunk} event: about 93 ms at 44.1 kHz. */
  static final int CHUNK_BYTES = 8192;

  static final int SAMPLE_WIDTH = 2;
  static final int CHANNELS = 1;

  /** How an utterance ended. */
  enum Outcome {
    OK,
    CANCELLED,
    ERROR
  }

  private final Vertx vertx;
  private final NetSocket socket;
  private final String id;
  private final String text;
  private final String voice;
  private final String lang;
  private final Handler<Outcome> onDone;
  private final long startNanos = System.nanoTime();
  private final long startEpochMs = System.currentTimeMillis();

  private BusSynthesis.Audio audio;
  private JsonObject format;
  private long bytesSent;
  private double ttfbMs = -1;
  private boolean cancelRequested;
  private boolean done;

  WyomingUtterance(
      Vertx vertx,
      NetSocket socket,
      String id,
      String text,
      String voice,
      String lang,
      Handler<Outcome> onDone) {
    this.vertx = vertx;
    this.socket = socket;
    this.id = id;
    this.text = text;
    this.voice = voice;
    this.lang = lang;
    this.onDone = onDone;
  }

  void start(BusSynthesis bus) {
    bus.start(id, text, voice, lang)
        .onSuccess(this::attach)
        .onFailure(err -> fail(BusSynthesis.Failure.of(err)));
  }

  /** Stops at the next chunk boundary (the socket is gone); no further events are written. */
  void cancel() {
    cancelRequested = true;
    if (audio != null) {
      audio.cancel();
    }
  }

  private void attach(BusSynthesis.Audio accepted) {
    audio = accepted;
    if (cancelRequested) {
      accepted.start(
          b -> {},
          s -> finish(Outcome.CANCELLED, null),
          v -> finish(Outcome.CANCELLED, null),
          f -> finish(Outcome.CANCELLED, null));
      accepted.cancel();
      return;
    }
    format =
        new JsonObject()
            .put("rate", accepted.sampleRate())
            .put("width", SAMPLE_WIDTH)
            .put("channels", CHANNELS);
    write(WyomingEvent.of(WyomingTypes.AUDIO_START, format));
    accepted.start(this::onChunk, this::onEnd, v -> finish(Outcome.CANCELLED, null), this::fail);
  }

  private void onChunk(Buffer pcm) {
    if (cancelRequested || done) {
      return;
    }
    if (ttfbMs < 0) {
      ttfbMs = elapsedMs();
    }
    for (int from = 0; from < pcm.length(); from += CHUNK_BYTES) {
      Buffer slice = pcm.slice(from, Math.min(pcm.length(), from + CHUNK_BYTES));
      write(new WyomingEvent(WyomingTypes.AUDIO_CHUNK, format, slice));
    }
    bytesSent += pcm.length();
    if (socket.writeQueueFull()) {
      // The client reads slower than we synthesize: hold the worker until the socket drains.
      audio.pause();
      socket.drainHandler(v -> audio.resume());
    }
  }

  private void onEnd(JsonObject workerStats) {
    if (cancelRequested) {
      finish(Outcome.CANCELLED, null);
      return;
    }
    write(WyomingEvent.of(WyomingTypes.AUDIO_STOP));
    double synthMs = workerStats.getDouble("synth_ms", 0.0);
    double audioS = workerStats.getDouble("audio_s", 0.0);
    finish(Outcome.OK, audioS > 0 ? synthMs / 1000.0 / audioS : 0.0, null);
  }

  private void fail(BusSynthesis.Failure failure) {
    if (done) {
      return;
    }
    if (cancelRequested) {
      finish(Outcome.CANCELLED, null);
      return;
    }
    write(WyomingEvent.error(failure.code(), failure.getMessage()));
    finish(Outcome.ERROR, 0.0, failure.getMessage());
  }

  private void write(WyomingEvent event) {
    socket
        .write(event.encode())
        .onFailure(
            err -> {
              if (!cancelRequested && !done) {
                LOG.debug("Wyoming {}: write failed ({}); cancelling", id, err.toString());
                cancel();
              }
            });
  }

  private void finish(Outcome outcome, String error) {
    finish(outcome, 0.0, error);
  }

  private void finish(Outcome outcome, double rtf, String error) {
    if (done) {
      return;
    }
    done = true;
    socket.drainHandler(null);
    int rate = format == null ? 0 : format.getInteger("rate");
    double audioS = rate > 0 ? bytesSent / (double) SAMPLE_WIDTH / rate : 0.0;
    RequestRecord record =
        new RequestRecord(
            id,
            startEpochMs,
            RequestRecord.snippet(text),
            text.length(),
            audio != null && audio.voice() != null ? audio.voice() : voice,
            audio != null && audio.lang() != null ? audio.lang() : lang,
            "pcm",
            switch (outcome) {
              case OK -> "ok";
              case CANCELLED -> "cancelled";
              case ERROR -> "error";
            },
            ttfbMs < 0 ? -1.0 : round(ttfbMs, 100),
            round(elapsedMs(), 100),
            bytesSent,
            round(audioS, 10_000),
            round(rtf, 10_000),
            error,
            "wyoming");
    vertx.eventBus().publish(Addresses.METRICS_RECORD, record.toJson());
    LOG.debug("Wyoming {} {}: {} bytes", id, outcome, bytesSent);
    onDone.handle(outcome);
  }

  private double elapsedMs() {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
