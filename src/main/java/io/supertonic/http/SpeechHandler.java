package io.supertonic.http;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.bus.ErrorCode;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.bus.SynthesisFailure;
import io.supertonic.bus.SynthesisProtocol;
import io.supertonic.bus.SynthesisRequest;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.text.SafeText;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
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
  private final SpeechCache cache;

  /** The server's seed for requests that give none (--seed); null: a fresh seed each time. */
  private final Long defaultSeed;

  SpeechHandler(
      SynthesisClient client,
      SpeechRequestParser parser,
      AudioEncoders encoders,
      String modelId,
      SpeechCache cache,
      Long defaultSeed) {
    this.client = client;
    this.parser = parser;
    this.encoders = encoders;
    this.modelId = modelId;
    this.cache = cache;
    this.defaultSeed = defaultSeed;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long receivedNanos = System.nanoTime();
    SpeechRequest speech;
    Optional<SubtitleReply.Kind> subtitles;
    boolean sseTimestamps;
    try {
      JsonObject body = parser.json(ctx.request().getHeader("Content-Type"), ctx.body().buffer());
      subtitles = SubtitleReply.requested(body);
      sseTimestamps = timestampsRequested(body);
      speech = parser.parse(subtitles.isPresent() ? SubtitleReply.asAudioRequest(body) : body);
    } catch (InvalidRequestException e) {
      int status = e instanceof SpeechRequestParser.UnsupportedMediaType ? 415 : 400;
      OpenAiErrors.send(ctx.response(), status, e.getMessage(), e.param(), e.code());
      return;
    }
    if (!SsmlHeaders.check(ctx, speech.input())) {
      return;
    }
    if (encoders.unavailable(speech.format()).isPresent()) {
      OpenAiErrors.send(
          ctx.response(),
          400,
          encoders.unavailable(speech.format()).get(),
          "response_format",
          speech.format().id() + "_unavailable");
      return;
    }
    speech = withDefaultSeed(speech);
    String requestId = requestId(ctx);
    LOG.info(
        "speech {}: chars={} voice={} lang={} format={}{} speed={}",
        SafeText.of(requestId, 128),
        speech.input().length(),
        speech.voice() == null ? "(default)" : SafeText.of(speech.voice()),
        speech.lang() == null ? "(default)" : SafeText.of(speech.lang()),
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
    ctx.put(RejectedSpeechRecords.ADMITTED, true);
    if (subtitles.isPresent()) {
      SpeechRequest admitted = speech;
      client
          .start(request, SynthesisProtocol.DEFAULT_CREDITS)
          .onSuccess(
              stream ->
                  SubtitleReply.send(
                      ctx, stream, admitted, subtitles.get(), modelId, requestId, receivedNanos))
          .onFailure(err -> reject(ctx, admitted, requestId, receivedNanos, err));
      return;
    }
    Optional<SpeechCache.Key> key =
        cache.enabled() ? SpeechCache.key(speech, modelId) : Optional.empty();
    if (key.isPresent()) {
      Optional<SpeechCache.Entry> hit = cache.lookup(key.get());
      if (hit.isPresent()) {
        CachedSpeechReply.send(
            ctx, speech, hit.get(), encoders, modelId, requestId, receivedNanos, sseTimestamps);
        return;
      }
    }
    SpeechCache.Fill fill =
        key.map(k -> new SpeechCache.Fill(k, cache.maxEntryBytes())).orElse(null);
    String verdict = !cache.enabled() ? null : key.isPresent() ? "miss" : "bypass";
    SpeechRequest admitted = speech;
    client
        .start(request, SynthesisProtocol.DEFAULT_CREDITS)
        .onSuccess(
            stream ->
                new SpeechStreamWriter(
                        ctx, stream, admitted, encoders, modelId, requestId, receivedNanos)
                    .caching(cache, fill, verdict)
                    .sseTimestamps(sseTimestamps)
                    .start())
        .onFailure(err -> reject(ctx, admitted, requestId, receivedNanos, err));
  }

  /**
   * The {@code timestamps} extension: SSE {@code speech.audio.timestamps} events. Opt-in, so an
   * OpenAI client sees only the two event types OpenAI documents.
   */
  private static boolean timestampsRequested(JsonObject body) {
    Object value = body.getValue("timestamps");
    if (value == null) {
      return false;
    }
    if (!(value instanceof Boolean b)) {
      throw new InvalidRequestException(
          "timestamps", "invalid_type", "'timestamps' must be true or false.");
    }
    return b;
  }

  private SpeechRequest withDefaultSeed(SpeechRequest speech) {
    if (speech.seed() != null || defaultSeed == null) {
      return speech;
    }
    return new SpeechRequest(
        speech.model(),
        speech.input(),
        speech.voice(),
        speech.format(),
        speech.speed(),
        speech.sse(),
        speech.lang(),
        speech.totalSteps(),
        defaultSeed,
        speech.sampleRate());
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
            : new SynthesisFailure(ErrorCode.INTERNAL_ERROR, "Internal server error.");
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
