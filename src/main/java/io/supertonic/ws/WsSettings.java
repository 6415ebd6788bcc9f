package io.supertonic.ws;

import io.supertonic.config.ServerLimits;
import io.vertx.core.json.JsonObject;

/**
 * The WebSocket endpoint's settings, read from the deployment config JSON of {@link
 * WebSocketVerticle} (and of {@link WebSocketRoute}): the server's flat config, so the
 * WebSocket-only keys also accept a {@code ws_} prefix ({@code ws_idle_timeout_ms}, {@code
 * ws_max_message_bytes}), which wins.
 *
 * @param enabled false answers the upgrade with 404 ({@code ws_enabled}, SUPERTONIC_WS_ENABLED=0)
 * @param idleTimeoutMs close a socket after this long without a client message while nothing is
 *     being synthesized; 0 disables ({@code idle_timeout_ms})
 * @param maxMessageBytes larger client messages are refused with an {@code error} message ({@code
 *     max_message_bytes})
 * @param maxInputChars the most text a session may buffer before a flush ({@code max_input_chars})
 * @param streamTimeoutMs how long a started synthesis may stay silent (queued or stalled) before it
 *     fails ({@code stream_timeout_ms})
 * @param fallbackSampleRate announced in {@code ready} when no worker answered the model probe
 * @param limits the server's limits: queued utterances per session, audio per utterance, sessions
 */
public record WsSettings(
    boolean enabled,
    long idleTimeoutMs,
    int maxMessageBytes,
    int maxInputChars,
    long streamTimeoutMs,
    String defaultVoice,
    String defaultLang,
    double defaultSpeed,
    int defaultSteps,
    int fallbackSampleRate,
    ServerLimits limits) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = ServerLimits.WS_MAX_MESSAGE_BYTES;

  public static WsSettings fromJson(JsonObject j) {
    WsSettings s =
        new WsSettings(
            truthy(j.getValue("ws_enabled", Boolean.TRUE)),
            j.getLong("ws_idle_timeout_ms", j.getLong("idle_timeout_ms", 300_000L)),
            ServerLimits.wsMaxMessageBytes(j),
            j.getInteger("max_input_chars", 20_000),
            j.getLong("ws_stream_timeout_ms", j.getLong("stream_timeout_ms", 300_000L)),
            j.getString("voice", "F1"),
            j.getString("lang", "en"),
            j.getDouble("speed", 1.05),
            j.getInteger("total_steps", 8),
            j.getInteger("ws_fallback_sample_rate", 44_100),
            ServerLimits.fromJson(j));
    s.validate();
    return s;
  }

  private void validate() {
    if (idleTimeoutMs < 0) {
      throw new IllegalArgumentException(
          "idle_timeout_ms must be >= 0 (0 disables), got " + idleTimeoutMs);
    }
    if (maxMessageBytes < 64) {
      throw new IllegalArgumentException("max_message_bytes must be >= 64, got " + maxMessageBytes);
    }
    if (maxInputChars < 1) {
      throw new IllegalArgumentException("max_input_chars must be >= 1, got " + maxInputChars);
    }
    if (streamTimeoutMs < 0) {
      throw new IllegalArgumentException(
          "stream_timeout_ms must be >= 0 (0 disables), got " + streamTimeoutMs);
    }
  }

  /**
   * Accepts the forms an environment variable takes ("0", "false", "off") as well as JSON booleans.
   */
  static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.intValue() != 0;
    }
    String v = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
  }

  /** The session defaults these settings give a fresh connection. */
  WsConfig initialConfig() {
    return new WsConfig(defaultVoice, defaultLang, defaultSpeed, defaultSteps, false, false, null, false);
  }
}
