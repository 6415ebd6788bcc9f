package io.supertonic.http;

import io.supertonic.audio.AudioFormat;
import io.supertonic.config.ServerLimits;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.text.SafeText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * Validates the OpenAI speech body. OpenAI accepts speed 0.25..4.0 while the model is trained for
 * 0.5..2.0: values in OpenAI's range are accepted and clamped into the model's (so clients that
 * send 0.25 or 4.0 still work, at the nearest speed the model does well), values outside it are
 * refused.
 */
final class SpeechRequestParser {
  static final double OPENAI_MIN_SPEED = 0.25;
  static final double OPENAI_MAX_SPEED = 4.0;
  static final double MODEL_MIN_SPEED = 0.5;
  static final double MODEL_MAX_SPEED = 2.0;

  /**
   * The largest seed: 2^53 - 1, the largest integer JavaScript clients hold exactly (random seeds
   * the server picks stay below it too, so an echoed X-Seed can always be sent back).
   */
  static final long MAX_SEED = (1L << 53) - 1;

  private final int maxInputChars;
  private final double defaultSpeed;
  private final int defaultPcmRate;
  private final double maxAudioSeconds;

  /**
   * @param defaultPcmRate output rate for raw PCM when the request names none; 0 keeps the model's.
   *     Raw PCM carries no header, and clients written for OpenAI assume its 24 kHz.
   */
  SpeechRequestParser(int maxInputChars, double defaultSpeed, int defaultPcmRate) {
    this(maxInputChars, defaultSpeed, defaultPcmRate, ServerLimits.MAX_AUDIO_SECONDS);
  }

  /**
   * @param maxAudioSeconds requests whose estimated audio is longer are refused before they start
   */
  SpeechRequestParser(
      int maxInputChars, double defaultSpeed, int defaultPcmRate, double maxAudioSeconds) {
    this.maxInputChars = maxInputChars;
    this.defaultSpeed = defaultSpeed;
    this.defaultPcmRate = defaultPcmRate;
    this.maxAudioSeconds = maxAudioSeconds;
  }

  /**
   * Checks the content type and reads the body strictly (see {@link StrictJson}).
   *
   * @throws UnsupportedMediaType for a body that is not JSON (415)
   * @throws InvalidRequestException for everything else wrong with it (400)
   */
  SpeechRequest parse(String contentType, Buffer body) {
    return parse(json(contentType, body));
  }

  /**
   * The body as a JSON object, read strictly, for callers that look at extension fields before
   * {@link #parse(JsonObject)}.
   *
   * @throws UnsupportedMediaType for a body that is not JSON (415)
   * @throws InvalidRequestException for a body that is not one well-formed JSON object (400)
   */
  JsonObject json(String contentType, Buffer body) {
    if (!isJson(contentType)) {
      throw new UnsupportedMediaType(
          "Content-Type must be application/json (got "
              + (contentType == null ? "none" : "'" + SafeText.of(contentType) + "'")
              + ").");
    }
    return StrictJson.object(body);
  }

  /** {@code application/json}, optionally with parameters such as a UTF-8 charset. */
  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";");
    if (!parts[0].trim().equalsIgnoreCase("application/json")) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param[0].trim().equalsIgnoreCase("charset")
          && (param.length < 2 || !param[1].trim().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        return false;
      }
    }
    return true;
  }

  /** A body that is not JSON at all: 415 rather than 400. */
  static final class UnsupportedMediaType extends InvalidRequestException {
    UnsupportedMediaType(String message) {
      super(null, "unsupported_media_type", message);
    }
  }

  SpeechRequest parse(JsonObject body) {
    String input = string(body, "input");
    if (input == null) {
      throw invalid(
          "input", "missing_required_parameter", "'input' is required: the text to speak.");
    }
    if (input.isBlank()) {
      throw invalid("input", "empty_input", "'input' must contain text to speak.");
    }
    if (input.length() > maxInputChars) {
      throw invalid(
          "input",
          "string_above_max_length",
          "'input' is " + input.length() + " characters; the maximum is " + maxInputChars + ".");
    }
    // OpenAI's style prompt: accepted so clients that always send it work; the model has no use for
    // it.
    string(body, "instructions");
    AudioFormat format = format(string(body, "response_format"));
    double speed = speed(body.getValue("speed"));
    double estimate = ServerLimits.estimatedAudioSeconds(input.length(), speed);
    if (estimate > maxAudioSeconds) {
      throw invalid(
          "input",
          "audio_too_long",
          String.format(
              Locale.ROOT,
              "This input would make about %.0f s of audio at speed %.2f; the limit is %.0f s"
                  + " (max_audio_seconds). Send shorter text or a higher speed.",
              estimate,
              speed,
              maxAudioSeconds));
    }
    return new SpeechRequest(
        string(body, "model"),
        input,
        string(body, "voice"),
        format,
        speed,
        streamFormat(string(body, "stream_format")),
        lang(string(body, "lang")),
        integer(body, "total_steps", 1, 50),
        seed(body.getValue("seed")),
        sampleRate(body, format));
  }

  private static AudioFormat format(String value) {
    if (value == null) {
      return AudioFormat.MP3;
    }
    return AudioFormat.parse(value)
        .orElseThrow(
            () -> {
              String lower = value.toLowerCase(Locale.ROOT);
              String why =
                  AudioFormat.NOT_YET_SUPPORTED.contains(lower)
                      ? "'" + SafeText.of(value) + "' is not supported by this server yet."
                      : "'" + SafeText.of(value) + "' is not a valid response_format.";
              return invalid(
                  "response_format",
                  "unsupported_response_format",
                  why + " Supported: " + String.join(", ", AudioFormat.ids()) + ".");
            });
  }

  private double speed(Object value) {
    if (value == null) {
      return defaultSpeed;
    }
    if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      throw invalid("speed", "invalid_type", "'speed' must be a number between 0.25 and 4.0.");
    }
    double speed = n.doubleValue();
    if (speed < OPENAI_MIN_SPEED || speed > OPENAI_MAX_SPEED) {
      throw invalid(
          "speed",
          "out_of_range",
          "'speed' must be between 0.25 and 4.0 (the model itself uses 0.5..2.0; values outside are clamped).");
    }
    return Math.min(MODEL_MAX_SPEED, Math.max(MODEL_MIN_SPEED, speed));
  }

  private static boolean streamFormat(String value) {
    if (value == null || value.equals("audio")) {
      return false;
    }
    if (value.equals("sse")) {
      return true;
    }
    throw invalid("stream_format", "invalid_value", "'stream_format' must be 'audio' or 'sse'.");
  }

  private static String lang(String value) {
    return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
  }

  private static Integer integer(JsonObject body, String field, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || !isWhole(n)) {
      throw invalid(
          field,
          "invalid_type",
          "'" + field + "' must be an integer between " + min + " and " + max + ".");
    }
    Long v = exactLong(n);
    if (v == null || v < min || v > max) {
      throw invalid(
          field, "out_of_range", "'" + field + "' must be between " + min + " and " + max + ".");
    }
    return v.intValue();
  }

  /** Extension: resampled output, e.g. 24000 to match OpenAI's PCM or 16000 for telephony. */
  private Integer sampleRate(JsonObject body, AudioFormat format) {
    Integer rate = integer(body, "sample_rate", AudioFormat.MIN_PCM_RATE, AudioFormat.MAX_PCM_RATE);
    if (rate == null && format.defaultSampleRate(defaultPcmRate) > 0) {
      return format.defaultSampleRate(defaultPcmRate);
    }
    if (rate != null && !format.supportsSampleRate(rate)) {
      throw invalid(
          "sample_rate",
          "unsupported_sample_rate",
          "'sample_rate' for " + format.id() + " must be " + format.sampleRateRule() + ".");
    }
    return rate;
  }

  private static Long seed(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || !isWhole(n)) {
      throw invalid(
          "seed", "invalid_type", "'seed' must be an integer from 0 to " + MAX_SEED + ".");
    }
    Long seed = exactLong(n);
    if (seed == null || seed < 0 || seed > MAX_SEED) {
      throw invalid("seed", "out_of_range", "'seed' must be from 0 to " + MAX_SEED + ".");
    }
    return seed;
  }

  /**
   * Whether a JSON number is an integer: written as one (Long, or BigInteger when it overflows) or
   * as a float with no fraction (2.0), which JSON clients often send.
   */
  private static boolean isWhole(Number n) {
    if (n instanceof Long || n instanceof java.math.BigInteger || n instanceof Integer) {
      return true;
    }
    double d = n.doubleValue();
    return Double.isFinite(d) && d == Math.rint(d);
  }

  /** The number as a long when it is one exactly; null when it is too large to be. */
  private static Long exactLong(Number n) {
    if (n instanceof Long || n instanceof Integer) {
      return n.longValue();
    }
    if (n instanceof java.math.BigInteger) {
      return null;
    }
    double d = n.doubleValue();
    return Math.abs(d) <= (double) MAX_SEED ? (long) d : null;
  }

  private static String string(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s)) {
      throw invalid(field, "invalid_type", "'" + field + "' must be a string.");
    }
    return s;
  }

  private static InvalidRequestException invalid(String param, String code, String message) {
    return new InvalidRequestException(param, code, message);
  }
}
