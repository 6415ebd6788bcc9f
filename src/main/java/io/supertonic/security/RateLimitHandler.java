package io.supertonic.security;

import io.supertonic.http.OpenAiErrors;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Takes one token of the client's bucket per request. Every answer carries OpenAI's {@code
 * x-ratelimit-*-requests} headers; a request over the rate gets 429 {@code rate_limit_exceeded}
 * with {@code Retry-After} (whole seconds until a token is back).
 */
final class RateLimitHandler implements Handler<RoutingContext> {
  static final String LIMIT = "x-ratelimit-limit-requests";
  static final String REMAINING = "x-ratelimit-remaining-requests";
  static final String RESET = "x-ratelimit-reset-requests";

  private final RateLimiter limiter;

  RateLimitHandler(RateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public void handle(RoutingContext ctx) {
    TokenBucket.Decision decision = limiter.tryTake(ClientIdentity.of(ctx));
    HttpServerResponse response = ctx.response();
    response
        .putHeader(LIMIT, String.valueOf(limiter.rpm()))
        .putHeader(REMAINING, String.valueOf(decision.remaining()))
        .putHeader(RESET, goDuration(decision.resetNanos()));
    if (decision.allowed()) {
      ctx.next();
      return;
    }
    long retrySeconds =
        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(decision.retryAfterNanos() + 999_999_999L));
    response.putHeader("Retry-After", String.valueOf(retrySeconds));
    OpenAiErrors.send(
        response,
        429,
        "requests",
        "Rate limit reached: "
            + limiter.rpm()
            + " requests per minute for this "
            + (ClientIdentity.of(ctx).startsWith("key:") ? "API key" : "client address")
            + ". Please try again in "
            + goDuration(decision.retryAfterNanos())
            + ".",
        null,
        "rate_limit_exceeded");
  }

  /** A duration as OpenAI writes it in {@code x-ratelimit-reset-*}: "20ms", "1.5s", "6m0s". */
  static String goDuration(long nanos) {
    long millis = (nanos + 999_999) / 1_000_000;
    if (millis < 1000) {
      return millis + "ms";
    }
    long hours = millis / 3_600_000;
    long minutes = (millis / 60_000) % 60;
    long seconds = (millis / 1000) % 60;
    long fraction = millis % 1000;
    StringBuilder out = new StringBuilder();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    out.append(seconds);
    if (fraction > 0) {
      out.append('.').append(String.format("%03d", fraction).replaceAll("0+$", ""));
    }
    return out.append('s').toString();
  }
}
