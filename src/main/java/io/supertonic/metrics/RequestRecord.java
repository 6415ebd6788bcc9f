package io.supertonic.metrics;

import io.vertx.core.json.JsonObject;

/**
 * One finished synthesis, as the transports report it to the metrics verticle. The JSON field names
 * are those of the seed's {@code /metrics/recent} records.
 *
 * @param status ok, cancelled or error
 * @param transport http, ws or wyoming
 * @param ttfbMs request received to first audio byte sent; -1 when no audio was sent
 * @param rtf synthesis wall time divided by audio duration; 0 when there was no audio
 * @param cache the response cache's verdict: hit, miss, bypass (not deterministic: no seed), or
 *     null when the cache is off or the transport has none
 */
public record RequestRecord(
    String id,
    long timestampMs,
    String textSnippet,
    int textLength,
    String voice,
    String lang,
    String format,
    String status,
    double ttfbMs,
    double totalMs,
    long bytes,
    double audioS,
    double rtf,
    String error,
    String transport,
    String cache) {

  /** A record of a transport without a response cache. */
  public RequestRecord(
      String id,
      long timestampMs,
      String textSnippet,
      int textLength,
      String voice,
      String lang,
      String format,
      String status,
      double ttfbMs,
      double totalMs,
      long bytes,
      double audioS,
      double rtf,
      String error,
      String transport) {
    this(
        id, timestampMs, textSnippet, textLength, voice, lang, format, status, ttfbMs, totalMs,
        bytes, audioS, rtf, error, transport, null);
  }

  /**
   * Snippets keep the first ~80 characters; the whole text never reaches the metrics or the logs.
   */
  public static final int SNIPPET_LENGTH = 80;

  public static String snippet(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH - 1) + "…";
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(
            io.supertonic.bus.SynthesisProtocol.FIELD_VERSION,
            io.supertonic.bus.SynthesisProtocol.VERSION)
        .put("id", id)
        .put("ts", timestampMs)
        .put("text", textSnippet)
        .put("text_len", textLength)
        .put("voice", voice)
        .put("lang", lang)
        .put("format", format)
        .put("status", status)
        .put("ttfb_ms", ttfbMs)
        .put("total_ms", totalMs)
        .put("bytes", bytes)
        .put("audio_s", audioS)
        .put("rtf", rtf)
        .put("error", error)
        .put("transport", transport)
        .put("cache", cache);
  }

  public static RequestRecord fromJson(JsonObject j) {
    return new RequestRecord(
        j.getString("id"),
        j.getLong("ts", 0L),
        j.getString("text", ""),
        j.getInteger("text_len", 0),
        j.getString("voice"),
        j.getString("lang"),
        j.getString("format"),
        j.getString("status"),
        j.getDouble("ttfb_ms", -1.0),
        j.getDouble("total_ms", 0.0),
        j.getLong("bytes", 0L),
        j.getDouble("audio_s", 0.0),
        j.getDouble("rtf", 0.0),
        j.getString("error"),
        j.getString("transport"),
        j.getString("cache"));
  }
}
