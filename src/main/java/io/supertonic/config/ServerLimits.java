package io.supertonic.config;

import io.vertx.core.json.JsonObject;

/**
 * The limits and timeouts that protect the server from slow, greedy or malformed clients, with
 * their defaults: the one place those numbers live. The CLI flags ({@code --request-timeout-ms},
 * ...) take their defaults from the constants here; verticles read the same keys from their config
 * JSON through {@link #fromJson}. docs/reliability.md explains each.
 *
 * @param httpIdleTimeoutMs close an HTTP connection with no bytes read or written for this long
 * @param requestTimeoutMs a request's headers and body must arrive within this long of the
 *     connection opening or the previous response; slow-loris clients are dropped
 * @param maxUrlBytes longest request line (method, URL, version); longer gets 414
 * @param maxHeaderBytes total size of the request headers; larger gets 431
 * @param maxBodyBytes largest request body; 0 derives it from {@code max_input_chars}
 * @param maxConnectionsPerClient concurrent connections one client address may hold; 0 = no limit
 * @param maxAudioSeconds the most audio one request may ask for, estimated before starting and
 *     enforced while streaming
 * @param recordText whether request text is kept in the metrics ring buffer
 * @param wsMaxSessions concurrent WebSocket sessions; more are refused at the upgrade with 503
 * @param wsMaxQueuedUtterances flushed utterances a session may have waiting; more get {@code
 *     queue_full}
 * @param wsPingIntervalMs how often an idle WebSocket is pinged; 0 disables keep-alive pings
 */
public record ServerLimits(
    long httpIdleTimeoutMs,
    long requestTimeoutMs,
    int maxUrlBytes,
    int maxHeaderBytes,
    long maxBodyBytes,
    int maxConnectionsPerClient,
    double maxAudioSeconds,
    boolean recordText,
    int wsMaxSessions,
    int wsMaxQueuedUtterances,
    long wsPingIntervalMs) {

  public static final long HTTP_IDLE_TIMEOUT_MS = 120_000;
  public static final long REQUEST_TIMEOUT_MS = 30_000;
  public static final int MAX_URL_BYTES = 8_192;
  public static final int MAX_HEADER_BYTES = 16_384;
  public static final long MAX_BODY_BYTES = 0;
  public static final int MAX_CONNECTIONS_PER_CLIENT = 128;
  public static final double MAX_AUDIO_SECONDS = 1_800;

  /**
   * Characters of text per second of audio at speed 1.0 used for the estimate: a fast speaking
   * rate, so the estimate errs short and a request is only refused when it is surely too long.
   */
  public static final double CHARS_PER_SECOND = 15.0;

  public static final boolean RECORD_TEXT = true;
  public static final int WS_MAX_SESSIONS = 256;
  public static final int WS_MAX_QUEUED_UTTERANCES = 32;
  public static final long WS_PING_INTERVAL_MS = 30_000;
  public static final int WS_MAX_MESSAGE_BYTES = 262_144;

  /** What the body limit is when {@code max_body_bytes} is 0. */
  public long bodyLimit(int maxInputChars) {
    // Room for the input in UTF-8 (up to 4 bytes a character) plus the other fields.
    return maxBodyBytes > 0 ? maxBodyBytes : maxInputChars * 4L + 64 * 1024;
  }

  /** Audio a text of {@code chars} characters makes at {@code speed}, estimated before starting. */
  public static double estimatedAudioSeconds(int chars, double speed) {
    return chars / (CHARS_PER_SECOND * speed);
  }

  /**
   * The largest WebSocket message ({@code ws_max_message_bytes}, or {@code max_message_bytes}):
   * read by the HTTP server, which enforces it on the wire, and by the WebSocket sessions.
   */
  public static int wsMaxMessageBytes(JsonObject j) {
    return j.getInteger(
        "ws_max_message_bytes", j.getInteger("max_message_bytes", WS_MAX_MESSAGE_BYTES));
  }

  public static ServerLimits defaults() {
    return fromJson(new JsonObject());
  }

  public static ServerLimits fromJson(JsonObject j) {
    ServerLimits limits =
        new ServerLimits(
            j.getLong("http_idle_timeout_ms", HTTP_IDLE_TIMEOUT_MS),
            j.getLong("request_timeout_ms", REQUEST_TIMEOUT_MS),
            j.getInteger("max_url_bytes", MAX_URL_BYTES),
            j.getInteger("max_header_bytes", MAX_HEADER_BYTES),
            j.getLong("max_body_bytes", MAX_BODY_BYTES),
            j.getInteger("max_connections_per_client", MAX_CONNECTIONS_PER_CLIENT),
            j.getDouble("max_audio_seconds", MAX_AUDIO_SECONDS),
            j.getBoolean("record_text", RECORD_TEXT),
            j.getInteger("ws_max_sessions", WS_MAX_SESSIONS),
            j.getInteger("ws_max_queued_utterances", WS_MAX_QUEUED_UTTERANCES),
            j.getLong("ws_ping_interval_ms", WS_PING_INTERVAL_MS));
    return limits;
  }

  /** The same keys fromJson reads, for a config JSON. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("http_idle_timeout_ms", httpIdleTimeoutMs)
        .put("request_timeout_ms", requestTimeoutMs)
        .put("max_url_bytes", maxUrlBytes)
        .put("max_header_bytes", maxHeaderBytes)
        .put("max_body_bytes", maxBodyBytes)
        .put("max_connections_per_client", maxConnectionsPerClient)
        .put("max_audio_seconds", maxAudioSeconds)
        .put("record_text", recordText)
        .put("ws_max_sessions", wsMaxSessions)
        .put("ws_max_queued_utterances", wsMaxQueuedUtterances)
        .put("ws_ping_interval_ms", wsPingIntervalMs);
  }

  public ServerLimits {
    positive("http_idle_timeout_ms", httpIdleTimeoutMs, 0);
    positive("request_timeout_ms", requestTimeoutMs, 0);
    positive("max_url_bytes", maxUrlBytes, 256);
    positive("max_header_bytes", maxHeaderBytes, 1024);
    positive("max_body_bytes", maxBodyBytes, 0);
    positive("max_connections_per_client", maxConnectionsPerClient, 0);
    positive("ws_max_sessions", wsMaxSessions, 1);
    positive("ws_max_queued_utterances", wsMaxQueuedUtterances, 1);
    positive("ws_ping_interval_ms", wsPingIntervalMs, 0);
    if (!(maxAudioSeconds > 0) || Double.isInfinite(maxAudioSeconds)) {
      throw new IllegalArgumentException(
          "max_audio_seconds must be a positive number, got " + maxAudioSeconds);
    }
  }

  private static void positive(String key, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(key + " must be >= " + min + ", got " + value);
    }
  }
}
