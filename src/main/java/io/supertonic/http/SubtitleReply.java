package io.supertonic.http;

import io.supertonic.bus.ChunkHeader;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisStream;
import io.supertonic.metrics.RequestRecord;
import io.supertonic.timestamps.SpanTimestamp;
import io.supertonic.timestamps.Subtitles;
import io.supertonic.timestamps.TimestampTrack;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code response_format: "vtt"} or {@code "srt"}: synthesizes the input as any other request (same
 * voice, speed, seed: with a seed, the subtitles time the very audio a request for audio gets) and
 * answers with its subtitles, one cue per chunk, instead of the audio.
 */
final class SubtitleReply {
  private static final Logger LOG = LoggerFactory.getLogger(SubtitleReply.class);

  enum Kind {
    VTT("vtt", "text/vtt; charset=utf-8"),
    SRT("srt", "application/x-subrip; charset=utf-8");

    final String id;
    final String contentType;

    Kind(String id, String contentType) {
      this.id = id;
      this.contentType = contentType;
    }

    String render(List<SpanTimestamp> spans) {
      return this == VTT ? Subtitles.vtt(spans) : Subtitles.srt(spans);
    }
  }

  private SubtitleReply() {}

  /** The subtitle format a request body asks for, if any. */
  static Optional<Kind> requested(JsonObject body) {
    if (body == null || !(body.getValue("response_format") instanceof String format)) {
      return Optional.empty();
    }
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "vtt" -> Optional.of(Kind.VTT);
      case "srt" -> Optional.of(Kind.SRT);
      default -> Optional.empty();
    };
  }

  /** The body the audio parser validates: audio as raw PCM, never SSE. */
  static JsonObject asAudioRequest(JsonObject body) {
    JsonObject copy = body.copy().put("response_format", "pcm");
    copy.remove("stream_format");
    copy.remove("sample_rate");
    return copy;
  }

  /** Reads the whole synthesis (discarding the audio) and answers with its subtitles. */
  static void send(
      RoutingContext ctx,
      SynthesisStream stream,
      SpeechRequest speech,
      Kind kind,
      String modelId,
      String requestId,
      long receivedNanos) {
    TimestampTrack track = new TimestampTrack(speech.input(), stream.sampleRate());
    ctx.response()
        .closeHandler(
            v -> {
              if (!ctx.response().ended()) {
                stream.cancel();
              }
            });
    stream.exceptionHandler(
        err -> {
          SynthesisFailure failure =
              err instanceof SynthesisFailure f
                  ? f
                  : new SynthesisFailure(
                      ErrorCode.INTERNAL_ERROR, String.valueOf(err.getMessage()));
          if (!ctx.response().closed()) {
            OpenAiErrors.send(
                ctx.response(),
                failure.status(),
                failure.getMessage(),
                failure.param(),
                failure.code());
          }
          LOG.warn(
              "speech {} ({}) failed ({}): {}",
              requestId,
              kind.id,
              failure.code(),
              failure.getMessage());
          publish(ctx, speech, kind, requestId, receivedNanos, "error", 0, 0, failure.getMessage());
        });
    stream.endHandler(
        v -> {
          String body = kind.render(track.finish());
          double audioS = stream.stats() == null ? 0 : stream.stats().audioS();
          ctx.response()
              .putHeader("Content-Type", kind.contentType)
              .putHeader("X-Voice", stream.voice())
              .putHeader("X-Language", stream.lang())
              .putHeader("X-Model", modelId)
              .putHeader("X-Seed", Long.toString(stream.seed()))
              .putHeader("X-Speed", Double.toString(speech.speed()))
              .putHeader("X-Request-Id", requestId)
              .end(body);
          publish(ctx, speech, kind, requestId, receivedNanos, "ok", body.length(), audioS, null);
        });
    stream.handler(
        pcm -> {
          ChunkHeader header = stream.currentChunk();
          track.add(header == null ? null : header.text(), pcm.length() / 2, false);
        });
  }

  private static void publish(
      RoutingContext ctx,
      SpeechRequest speech,
      Kind kind,
      String requestId,
      long receivedNanos,
      String status,
      long bytes,
      double audioS,
      String error) {
    double ms = (System.nanoTime() - receivedNanos) / 1e6;
    SpeechRecords.publish(
        ctx.vertx(),
        new RequestRecord(
            requestId,
            System.currentTimeMillis(),
            RequestRecord.snippet(speech.input()),
            speech.input().length(),
            speech.voice(),
            speech.lang(),
            kind.id,
            status,
            "ok".equals(status) ? ms : -1,
            ms,
            bytes,
            audioS,
            0,
            error,
            "http"));
  }
}
