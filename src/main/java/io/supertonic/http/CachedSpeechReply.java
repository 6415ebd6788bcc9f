package io.supertonic.http;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.metrics.RequestRecord;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a speech request from the cache: the same headers and bytes a synthesis would have sent
 * (SSE re-cut into delta events), written at once, with {@code X-Cache: hit}.
 */
final class CachedSpeechReply {
  private static final Logger LOG = LoggerFactory.getLogger(CachedSpeechReply.class);

  private CachedSpeechReply() {}

  static void send(
      RoutingContext ctx,
      SpeechRequest speech,
      SpeechCache.Entry entry,
      AudioEncoders encoders,
      String modelId,
      String requestId,
      long receivedNanos,
      boolean sseTimestamps) {
    HttpServerResponse response = ctx.response();
    SpeechStreamWriter.putAudioHeaders(
        response,
        speech,
        entry.sampleRate(),
        entry.voice(),
        entry.lang(),
        modelId,
        entry.seed(),
        requestId,
        "hit");
    Future<Void> sent;
    if (speech.sse()) {
      new SseAudioDeltas(encoders.bytesPerSecond(speech.format(), entry.sampleRate()))
          .write(response, entry.audio());
      // All at once after the audio: a hit has no pacing to interleave with.
      if (sseTimestamps) {
        for (var timestamp : entry.timestamps()) {
          response.write(SpeechStreamWriter.sseTimestamps(timestamp));
        }
      }
      sent = response.end(SpeechStreamWriter.sseDone(speech));
    } else {
      sent = response.end(Buffer.buffer(entry.audio()));
    }
    double ttfbMs = (System.nanoTime() - receivedNanos) / 1e6;
    sent.onComplete(
        done -> {
          String status = done.succeeded() ? "ok" : "cancelled";
          double totalMs = (System.nanoTime() - receivedNanos) / 1e6;
          SpeechRecords.publish(
              ctx.vertx(),
              new RequestRecord(
                  requestId,
                  System.currentTimeMillis(),
                  RequestRecord.snippet(speech.input()),
                  speech.input().length(),
                  entry.voice(),
                  entry.lang(),
                  speech.format().id(),
                  status,
                  ttfbMs,
                  totalMs,
                  entry.audio().length,
                  entry.audioS(),
                  0,
                  done.succeeded() ? null : "client disconnected",
                  "http",
                  "hit"));
          LOG.info(
              "speech {} {} (cache hit): {} bytes, total {} ms",
              requestId,
              status,
              entry.audio().length,
              String.format("%.0f", totalMs));
        });
  }
}
