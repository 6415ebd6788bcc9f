package io.supertonic.http;

import io.supertonic.text.SafeText;
import io.supertonic.audio.AudioEncoder;
import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.audio.Pcm16;
import io.supertonic.audio.StreamingResampler;
import io.supertonic.bus.ChunkHeader;
import io.supertonic.bus.EndStats;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisStream;
import io.supertonic.metrics.RequestRecord;
import io.supertonic.timestamps.SpanTimestamp;
import io.supertonic.timestamps.TimestampTrack;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one synthesis into one HTTP response: the {@link SynthesisStream} is piped into an
 * encoding {@link WriteStream} over the response, so each PCM chunk is encoded (MP3 off the event
 * loop) and written as soon as it exists, and the pipe's backpressure (a full response or a pending
 * encode pauses the stream, which stops returning credits) holds synthesis back for a slow client.
 * A stream that fails after audio went out never ends like a complete one: the chunked response is
 * reset (no terminating chunk), or SSE gets an {@code error} event.
 */
final class SpeechStreamWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SpeechStreamWriter.class);

  /** About 0.1 s at 44.1 kHz: a few milliseconds of LAME, or under one of resampling, per slice. */
  static final int SLICE_SAMPLES = 4608;

  /** About 46 ms at 44.1 kHz: a response's first slice where the encoder needs no more. */
  static final int FIRST_SLICE_SAMPLES = 2048;

  private final RoutingContext ctx;
  private final HttpServerResponse response;
  private final SynthesisStream stream;
  private final SpeechRequest speech;
  private final AudioEncoder encoder;

  /** Null when the client takes the model's own rate. */
  private final StreamingResampler resampler;

  private final int outputRate;
  private final String modelId;
  private final String requestId;
  private final long receivedNanos;

  /**
   * Serialises encode+write steps so chunks leave in order even when encoding runs on a worker
   * thread.
   */
  private Future<Void> tail = Future.succeededFuture();

  private long firstByteNanos = -1;
  private boolean firstSliceEncoded;
  private long bytesOut;
  /** Model-rate samples handed to the response, for the record of a stream that did not end. */
  private long samplesOut;
  private boolean clientGone;
  private boolean finished;

  private final SseAudioDeltas sseDeltas;

  /** Where each chunk is in the input text and in the audio, for SSE timestamps events. */
  private final TimestampTrack timestamps;

  private boolean headSent;

  /** The request asked for SSE timestamps events ({@code "timestamps": true}). */
  private boolean sseTimestamps;

  /** Null unless the cache is on. */
  private SpeechCache cache;

  /** Null unless this response may be cached: collects its bytes. */
  private SpeechCache.Fill fill;

  /** X-Cache and the record's verdict: miss or bypass; null when the cache is off. */
  private String cacheVerdict;

  SpeechStreamWriter(
      RoutingContext ctx,
      SynthesisStream stream,
      SpeechRequest speech,
      AudioEncoders encoders,
      String modelId,
      String requestId,
      long receivedNanos) {
    this.ctx = ctx;
    this.response = ctx.response();
    this.stream = stream;
    this.speech = speech;
    this.outputRate = speech.sampleRate() != null ? speech.sampleRate() : stream.sampleRate();
    this.resampler =
        outputRate == stream.sampleRate()
            ? null
            : encoders.resamplers().create(stream.sampleRate(), outputRate);
    this.encoder = encoders.create(speech.format(), outputRate);
    this.sseDeltas = new SseAudioDeltas(encoders.bytesPerSecond(speech.format(), outputRate));
    this.timestamps = new TimestampTrack(speech.input(), stream.sampleRate());
    this.modelId = modelId;
    this.requestId = requestId;
    this.receivedNanos = receivedNanos;
  }

  /** Marks the response with the cache's verdict and, for a miss, stores it once complete. */
  SpeechStreamWriter caching(SpeechCache cache, SpeechCache.Fill fill, String verdict) {
    this.cache = cache;
    this.fill = fill;
    this.cacheVerdict = verdict;
    return this;
  }

  SpeechStreamWriter sseTimestamps(boolean enabled) {
    this.sseTimestamps = enabled;
    return this;
  }

  void start() {
    response.closeHandler(
        v -> {
          if (!finished) {
            clientGone = true;
            stream.cancel();
          }
        });
    stream
        .pipe()
        .endOnFailure(false)
        .to(new EncodingSink())
        .onComplete(
            done -> {
              finished = true;
              if (done.succeeded()) {
                storeInCache();
                recordAndClose(
                    "ok", stream.stats() == null ? EndStats.EMPTY : stream.stats(), null);
              } else {
                // Audio already queued for encoding still goes out before the error.
                tail.onComplete(v -> failed(done.cause()));
              }
            });
  }

  /** Only a response that ended whole reaches here; a cut or failed one never does. */
  private void storeInCache() {
    if (fill == null || clientGone) {
      return;
    }
    EndStats stats = stream.stats() == null ? EndStats.EMPTY : stream.stats();
    fill.audio()
        .ifPresent(
            audio ->
                cache.store(
                    fill.key(),
                    new SpeechCache.Entry(
                        audio,
                        outputRate,
                        stream.voice(),
                        stream.lang(),
                        stream.seed(),
                        stats.audioS(),
                        timestamps.finish())));
  }

  /**
   * The response seen as a {@code WriteStream} of model-rate PCM: encodes in order and reports full
   * while an encode is pending or the connection's write queue is full.
   */
  private final class EncodingSink implements WriteStream<Buffer> {
    private int encoding;
    private Handler<Void> drainHandler;

    EncodingSink() {
      response.drainHandler(v -> checkDrain());
    }

    @Override
    public Future<Void> write(Buffer pcm) {
      encoding++;
      // Read now: the stream names the chunk it is handing over only during this call.
      ChunkHeader header = stream.currentChunk();
      SpanTimestamp timestamp =
          header == null || header.text() == null
              ? null
              : timestamps.add(header.text(), pcm.length() / 2, false);
      Future<Void> written =
          enqueue(() -> writeChunk(pcm).compose(v -> writeTimestamp(timestamp)));
      written.onComplete(
          v -> {
            encoding--;
            checkDrain();
          });
      return written;
    }

    @Override
    public Future<Void> end() {
      return enqueue(SpeechStreamWriter.this::complete);
    }

    @Override
    public boolean writeQueueFull() {
      return encoding > 0 || response.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
      this.drainHandler = handler;
      return this;
    }

    private void checkDrain() {
      Handler<Void> handler = drainHandler;
      if (handler != null && !writeQueueFull()) {
        drainHandler = null;
        handler.handle(null);
      }
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

  /** Runs {@code step} after every step before it, so chunks leave in order. */
  private Future<Void> enqueue(java.util.function.Supplier<Future<Void>> step) {
    Future<Void> result = tail.compose(v -> step.get());
    tail =
        result.recover(
            err -> {
              LOG.debug("speech {}: write step failed: {}", requestId, err.toString());
              return Future.succeededFuture();
            });
    return result;
  }

  private Future<Void> writeChunk(Buffer pcm) {
    if (clientGone || response.closed()) {
      return Future.succeededFuture();
    }
    samplesOut += pcm.length() / 2;
    if (resampler == null
        && (speech.format() == AudioFormat.PCM || speech.format() == AudioFormat.WAV)) {
      // The bus already carries 16-bit little-endian PCM, which is what these bodies are.
      return writeEncoded(pcm.getBytes());
    }
    short[] modelRate = Pcm16.fromLittleEndian(pcm.getBytes());
    // Encoded or resampled audio goes in short slices so the first bytes leave after one slice,
    // not after the whole chunk. Not resampled PCM over SSE: a slice's output is 100 ms give or take
    // a sample, and every slice would end in a sliver of a delta instead of whole 100 ms ones.
    boolean costly =
        speech.format().encodesOffTheEventLoop() || (resampler != null && !speech.sse());
    Future<Void> written = Future.succeededFuture();
    int size = costly ? SLICE_SAMPLES : modelRate.length;
    int first = costly && !firstSliceEncoded && shortFirstSlice() ? FIRST_SLICE_SAMPLES : size;
    for (short[] part : slices(modelRate, first, size)) {
      written =
          written
              .compose(
                  v ->
                      encode(
                          () -> encoder.encode(resampler == null ? part : resampler.process(part))))
              .compose(this::writeEncoded);
    }
    return written;
  }

  /** SSE only: after a chunk's audio, the event that says what it spoke and when. */
  private Future<Void> writeTimestamp(SpanTimestamp timestamp) {
    if (timestamp == null || !speech.sse() || !sseTimestamps || clientGone || response.closed()) {
      return Future.succeededFuture();
    }
    writeHead();
    return response.write(sseTimestamps(timestamp));
  }

  /** The SSE event of one chunk's timestamps. */
  static String sseTimestamps(SpanTimestamp timestamp) {
    return "data: "
        + timestamp.toJson().put("type", SSE_TIMESTAMPS).encode()
        + "\n\n";
  }

  static final String SSE_TIMESTAMPS = "speech.audio.timestamps";

  /**
   * Whether the response's first slice should be shorter than the others, so its first bytes leave
   * sooner (measured: 0.6-0.9 ms for opus, about 0.3 for resampled pcm; docs/BENCHMARKS.md). Opus
   * emits its first packet after 20 ms plus its 20 ms decision delay, and resampled PCM or WAV has
   * no frame at all. LAME (1,152-sample frames plus its delay) and FLAC (4,096-sample blocks) would
   * emit little or nothing for a short slice, and their first bytes would then wait for the next
   * slice, encoded on the pool.
   */
  private boolean shortFirstSlice() {
    AudioFormat format = speech.format();
    return format == AudioFormat.OPUS
        || (resampler != null && (format == AudioFormat.PCM || format == AudioFormat.WAV));
  }

  /** {@code first} samples, then {@code size} at a time. */
  static List<short[]> slices(short[] samples, int first, int size) {
    if (samples.length <= first) {
      return List.of(samples);
    }
    List<short[]> parts = new ArrayList<>();
    parts.add(Arrays.copyOfRange(samples, 0, first));
    for (int from = first; from < samples.length; from += size) {
      parts.add(Arrays.copyOfRange(samples, from, Math.min(samples.length, from + size)));
    }
    return parts;
  }

  private Future<Void> writeEncoded(byte[] bytes) {
    if (bytes.length > 0 && firstByteNanos < 0) {
      firstByteNanos = System.nanoTime();
      writeHead();
    }
    write(bytes);
    // Handed to the connection; its write queue, not this future, paces the stream.
    return Future.succeededFuture();
  }

  private Future<byte[]> encode(java.util.concurrent.Callable<byte[]> work) {
    boolean costly = speech.format().encodesOffTheEventLoop() || resampler != null;
    // The first slice (under a millisecond of LAME, opus, FLAC or resampling) runs here: handing it
    // to the pool and back costs two thread wake-ups before the first byte, more than the work on a
    // busy machine. AAC waits on ffmpeg's pipe, so never here.
    boolean firstSlice = !firstSliceEncoded && speech.format() != AudioFormat.AAC;
    firstSliceEncoded = true;
    if (costly && !firstSlice) {
      return ctx.vertx().executeBlocking(work, false);
    }
    try {
      return Future.succeededFuture(work.call());
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }

  private void writeHead() {
    if (headSent) {
      return;
    }
    headSent = true;
    putAudioHeaders(
        response,
        speech,
        outputRate,
        stream.voice(),
        stream.lang(),
        modelId,
        stream.seed(),
        requestId,
        cacheVerdict);
    SynthesisStream.ChunkTiming timing = stream.firstChunkTiming();
    if (timing != null) {
      // Lets a client tell model time from server overhead in its time to first byte.
      response.putHeader(
          "Server-Timing",
          String.format(
              java.util.Locale.ROOT,
              "queue;dur=%.1f, synth;dur=%.1f;desc=\"first chunk\", server;dur=%.1f",
              timing.queueMs(),
              timing.synthMs(),
              (System.nanoTime() - receivedNanos) / 1e6));
    }
    byte[] header = encoder.header();
    if (header.length > 0) {
      write(header);
    }
  }

  /** The headers of an audio response, the same whether synthesized now or replayed. */
  static void putAudioHeaders(
      HttpServerResponse response,
      SpeechRequest speech,
      int outputRate,
      String voice,
      String lang,
      String modelId,
      long seed,
      String requestId,
      String cacheVerdict) {
    response.setChunked(true);
    response.putHeader("X-Sample-Rate", Integer.toString(outputRate));
    response.putHeader("X-Voice", voice);
    response.putHeader("X-Language", lang);
    response.putHeader("X-Model", modelId);
    response.putHeader("X-Seed", Long.toString(seed));
    response.putHeader("X-Speed", Double.toString(speech.speed()));
    response.putHeader("X-Request-Id", requestId);
    if (cacheVerdict != null) {
      response.putHeader("X-Cache", cacheVerdict);
    }
    if (speech.format() == AudioFormat.PCM) {
      response.putHeader("X-Audio-Encoding", "pcm_s16le_" + outputRate + "_1ch");
    }
    if (speech.sse()) {
      response.putHeader("Content-Type", "text/event-stream");
      response.putHeader("Cache-Control", "no-cache");
    } else {
      response.putHeader("Content-Type", speech.format().contentType());
    }
  }

  /** The SSE stream's last event. */
  static String sseDone(SpeechRequest speech) {
    JsonObject done =
        new JsonObject()
            .put("type", "speech.audio.done")
            .put(
                "usage",
                new JsonObject()
                    .put("input_tokens", speech.input().length())
                    .put("output_tokens", 0)
                    .put("total_tokens", speech.input().length()));
    return "data: " + done.encode() + "\n\n";
  }

  private Future<Void> write(byte[] bytes) {
    if (bytes.length == 0 || response.closed()) {
      return Future.succeededFuture();
    }
    bytesOut += bytes.length;
    if (fill != null) {
      fill.add(bytes);
    }
    if (speech.sse()) {
      return sseDeltas.write(response, bytes);
    }
    return response.write(Buffer.buffer(bytes));
  }

  /** All audio arrived: the encoder's tail, then the end of the response. */
  private Future<Void> complete() {
    if (clientGone || response.closed()) {
      return Future.failedFuture(new SynthesisFailure(ErrorCode.CANCELLED, "client disconnected"));
    }
    return encode(this::finishEncoding)
        .compose(
            tailBytes -> {
              if (firstByteNanos < 0) {
                // Nothing was audible yet (e.g. a very short text): the head still has to go out.
                firstByteNanos = System.nanoTime();
                writeHead();
              }
              return write(tailBytes);
            })
        .compose(
            v -> {
              if (speech.sse()) {
                return response.end(sseDone(speech));
              }
              return response.end();
            });
  }

  /** The resampler's held-back tail, then whatever the encoder still buffers. */
  private byte[] finishEncoding() {
    byte[] tail = resampler == null ? new byte[0] : encoder.encode(resampler.flush());
    byte[] rest = encoder.finish();
    byte[] all = Arrays.copyOf(tail, tail.length + rest.length);
    System.arraycopy(rest, 0, all, tail.length, rest.length);
    return all;
  }

  private void failed(Throwable err) {
    SynthesisFailure failure =
        err instanceof SynthesisFailure f
            ? f
            : new SynthesisFailure(ErrorCode.INTERNAL_ERROR, String.valueOf(err.getMessage()));
    if (clientGone) {
      recordAndClose("cancelled", EndStats.EMPTY, "client disconnected");
      return;
    }
    String message = failure.getMessage();
    if (response.closed()) {
      // Nothing to tell the client.
    } else if (!response.headWritten()) {
      if (failure.status() == 503) {
        response.putHeader("Retry-After", "1");
      }
      OpenAiErrors.send(
          response,
          failure.status(),
          message,
          failure.param() != null ? failure.param() : failure.status() == 400 ? "input" : null,
          failure.code());
    } else if (speech.sse()) {
      JsonObject event =
          new JsonObject()
              .put("type", "error")
              .put(
                  "error",
                  OpenAiErrors.body(failure.status(), message, null, failure.code())
                      .getJsonObject("error"));
      response.end("data: " + event.encode() + "\n\n");
    } else {
      // A chunked response without its terminating chunk: the client cannot mistake a cut stream
      // for a whole one.
      response.reset();
    }
    LOG.warn(
        "speech {} failed ({}): {}",
        SafeText.of(requestId, 128),
        failure.code(),
        SafeText.of(message, 300));
    recordAndClose("error", EndStats.EMPTY, failure.code() + ": " + message);
  }

  private void recordAndClose(String status, EndStats stats, String error) {
    encoder.close();
    double totalMs = (System.nanoTime() - receivedNanos) / 1e6;
    double ttfbMs = firstByteNanos < 0 ? -1 : (firstByteNanos - receivedNanos) / 1e6;
    // A stream cut short has no worker stats: its record carries the audio the client was sent.
    double audioS = stats == EndStats.EMPTY ? (double) samplesOut / stream.sampleRate() : stats.audioS();
    SpeechRecords.publish(
        ctx.vertx(),
        new RequestRecord(
            requestId,
            System.currentTimeMillis(),
            RequestRecord.snippet(speech.input()),
            speech.input().length(),
            stream.voice(),
            stream.lang(),
            speech.format().id(),
            status,
            ttfbMs,
            totalMs,
            bytesOut,
            audioS,
            stats.rtf(),
            error,
            "http",
            cacheVerdict));
    LOG.info(
        "speech {} {}: {} s audio, {} bytes, ttfb {} ms, total {} ms",
        requestId,
        status,
        String.format("%.2f", audioS),
        bytesOut,
        String.format("%.0f", ttfbMs),
        String.format("%.0f", totalMs));
  }
}
