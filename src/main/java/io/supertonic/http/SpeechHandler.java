package io.supertonic.http;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.engine.InvalidRequestException;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /v1/audio/speech}: validates, starts a synthesis over the bus and streams it out. */
final class SpeechHandler implements Handler<RoutingContext> {
  private static final Logger LOG = LoggerFactory.getLogger(SpeechHandler.class);

  private final SynthesisClient client;
  private final SpeechRequestParser parser;
  private final AudioEncoders encoders;
  private final String modelId;

  SpeechHandler(
      SynthesisClient client, SpeechRequestParser parser, AudioEncoders encoders, String modelId) {
    this.client = client;
    this.parser = parser;
    this.encoders = encoders;
    this.modelId = modelId;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long receivedNanos = System.nanoTime();
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      OpenAiErrors.send(
          ctx.response(),
          415,
          "Content-Type must be application/json (got "
              + (contentType == null ? "none" : contentType)
              + ").",
          null,
          "unsupported_media_type");
      return;
    }
    SpeechRequest speech;
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new InvalidRequestException(
            null, "invalid_json", "The request body must be a JSON object.");
      }
      speech = parser.parse(body);
    } catch (DecodeException | ClassCastException e) {
      OpenAiErrors.send(
          ctx.response(),
          400,
          "The request body is not valid JSON: " + e.getMessage(),
          null,
          "invalid_json");
      return;
    } catch (InvalidRequestException e) {
      OpenAiErrors.send(ctx.response(), 400, e.getMessage(), e.param(), e.code());
      return;
    }
    if (speech.format() == AudioFormat.MP3 && !encoders.mp3Available()) {
      OpenAiErrors.send(
          ctx.response(),
          400,
          encoders.mp3UnavailableMessage(),
          "response_format",
          "mp3_unavailable");
      return;
    }
    String requestId = requestId(ctx);
    LOG.info(
        "speech {}: chars={} voice={} lang={} format={}{} speed={}",
        requestId,
        speech.input().length(),
        speech.voice() == null ? "(default)" : speech.voice(),
        speech.lang() == null ? "(default)" : speech.lang(),
        speech.format().id(),
        speech.sse() ? "/sse" : "",
        speech.speed());
    SynthesisRequest request =
        new SynthesisRequest(
            requestId,
            speech.input(),
            speech.voice(),
            speech.lang(),
            speech.speed(),
            speech.totalSteps(),
            speech.seed());
    client
        .start(request, SynthesisProtocol.DEFAULT_CREDITS)
        .onSuccess(
            stream ->
                new SpeechStreamWriter(
                        ctx, stream, speech, encoders, modelId, requestId, receivedNanos)
                    .start())
        .onFailure(err -> reject(ctx, speech, requestId, receivedNanos, err));
  }

  private void reject(
      RoutingContext ctx,
      SpeechRequest speech,
      String requestId,
      long receivedNanos,
      Throwable err) {
    SynthesisFailure rejected =
        err instanceof SynthesisFailure f
            ? f
            : new SynthesisFailure(ErrorCode.INTERNAL_ERROR, String.valueOf(err.getMessage()));
    if (rejected.status() == 503) {
      ctx.response().putHeader("Retry-After", "1");
    }
    OpenAiErrors.send(
        ctx.response(),
        rejected.status(),
        rejected.getMessage(),
        rejected.param(),
        rejected.code());
    SpeechRecords.publish(
        ctx.vertx(), SpeechRecords.failed(requestId, speech, receivedNanos, rejected.getMessage()));
  }

  private static String requestId(RoutingContext ctx) {
    String given = ctx.request().getHeader("X-Request-Id");
    return given != null && !given.isBlank() && given.length() <= 128
        ? given
        : UUID.randomUUID().toString();
  }
}
