package io.supertonic.http;

import io.supertonic.bus.Addresses;
import io.supertonic.metrics.RequestRecord;
import io.vertx.core.Vertx;

/** Builds the metrics record of one speech request and hands it to the metrics verticle. */
final class SpeechRecords {
  private SpeechRecords() {}

  static void publish(Vertx vertx, RequestRecord record) {
    // publish, not send: a node without a metrics verticle must not fail the request.
    vertx.eventBus().publish(Addresses.METRICS_RECORD, record.toJson());
  }

  static RequestRecord failed(String id, SpeechRequest speech, long receivedNanos, String error) {
    return new RequestRecord(
        id,
        System.currentTimeMillis(),
        RequestRecord.snippet(speech.input()),
        speech.input().length(),
        speech.voice(),
        speech.lang(),
        speech.format().id(),
        "error",
        -1,
        (System.nanoTime() - receivedNanos) / 1e6,
        0,
        0,
        0,
        error,
        "http");
  }
}
