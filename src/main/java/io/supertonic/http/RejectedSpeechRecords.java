package io.supertonic.http;

import io.supertonic.metrics.RequestRecord;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * Counts speech requests refused before they reach a worker (bad JSON, a bad field, an unavailable
 * format, a body too large, a wrong content type) in the request metrics, so that
 * supertonic_requests_total includes every 4xx. Requests admitted to a worker are recorded by the
 * speech handler and stream writer; {@link #ADMITTED} tells them apart.
 */
final class RejectedSpeechRecords {
  static final String ADMITTED = "supertonic.speech.admitted";

  private RejectedSpeechRecords() {}

  /** Route handler for POST /v1/audio/speech, installed before the body handler. */
  static void handle(RoutingContext ctx) {
    long received = System.nanoTime();
    ctx.addEndHandler(
        done -> {
          int status = ctx.response().getStatusCode();
          if (status >= 400 && ctx.get(ADMITTED) == null) {
            SpeechRecords.publish(ctx.vertx(), record(status, received));
          }
        });
    ctx.next();
  }

  private static RequestRecord record(int status, long receivedNanos) {
    return new RequestRecord(
        UUID.randomUUID().toString(),
        System.currentTimeMillis(),
        "",
        0,
        null,
        null,
        null,
        "error",
        -1,
        (System.nanoTime() - receivedNanos) / 1e6,
        0,
        0,
        0,
        "rejected with HTTP " + status,
        "http");
  }
}
