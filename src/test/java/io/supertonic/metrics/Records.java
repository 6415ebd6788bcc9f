package io.supertonic.metrics;

/** Synthetic request records for the tests. */
final class Records {
  private Records() {}

  static RequestRecord ok(String id, double ttfbMs, double rtf, long bytes, double audioS) {
    return of(id, "ok", ttfbMs, rtf, bytes, audioS, null);
  }

  static RequestRecord error(String id) {
    return of(id, "error", -1, 0, 0, 0, "engine failed");
  }

  static RequestRecord cancelled(String id, long bytes) {
    return of(id, "cancelled", 120, 0, bytes, 0, null);
  }

  static RequestRecord of(
      String id,
      String status,
      double ttfbMs,
      double rtf,
      long bytes,
      double audioS,
      String error) {
    return new RequestRecord(
        id,
        1_700_000_000_000L,
        "Hello there.",
        12,
        "F1",
        "en",
        "pcm",
        status,
        ttfbMs,
        ttfbMs + 100,
        bytes,
        audioS,
        rtf,
        error,
        "http");
  }
}
