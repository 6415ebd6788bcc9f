package io.supertonic.cli.load;

import io.vertx.core.json.JsonObject;

/**
 * One measured request. Times in milliseconds from the moment the request was sent (for open-loop
 * arrivals: from its scheduled arrival, so a late client thread cannot hide queueing).
 *
 * @param status ok, rejected (503 / busy) or error
 * @param queueMs the server's queue wait from Server-Timing, -1 when not reported
 */
public record RequestResult(
    int index,
    String lang,
    int chars,
    String status,
    double queueMs,
    double ttfbMs,
    double totalMs,
    double audioSeconds,
    int underruns,
    double gapSeconds,
    String error) {

  static RequestResult rejected(int index, Corpus.Entry entry, double totalMs, String error) {
    return new RequestResult(
        index, entry.lang(), entry.chars(), "rejected", -1, -1, totalMs, 0, 0, 0, error);
  }

  static RequestResult failed(int index, Corpus.Entry entry, double totalMs, String error) {
    return new RequestResult(
        index, entry.lang(), entry.chars(), "error", -1, -1, totalMs, 0, 0, 0, error);
  }

  public boolean ok() {
    return "ok".equals(status);
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("index", index)
            .put("lang", lang)
            .put("chars", chars)
            .put("status", status)
            .put("queue_ms", round(queueMs))
            .put("ttfb_ms", round(ttfbMs))
            .put("total_ms", round(totalMs))
            .put("audio_s", Math.round(audioSeconds * 1e4) / 1e4)
            .put("underruns", underruns)
            .put("gap_s", Math.round(gapSeconds * 1e4) / 1e4);
    if (error != null) {
      json.put("error", error);
    }
    return json;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
