package io.supertonic.ws;

import io.supertonic.text.SafeText;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * One session's synthesis settings. A {@code config} message changes only the fields it names (null
 * values are ignored, as in the seed); a flush takes a snapshot, so a later change never alters
 * audio already requested.
 *
 * @param autoFlush synthesize each complete sentence as soon as the text deltas contain it
 * @param binary send audio as raw PCM binary frames instead of base64 JSON {@code audio} messages
 * @param sampleRate output rate; null means the model's own rate
 * @param timestamps send a {@code timestamps} message after each chunk's audio
 */
record WsConfig(
    String voice,
    String lang,
    double speed,
    int totalSteps,
    boolean autoFlush,
    boolean binary,
    Integer sampleRate,
    boolean timestamps) {

  static final double MIN_SPEED = 0.5;
  static final double MAX_SPEED = 2.0;
  static final int MIN_STEPS = 1;
  static final int MAX_STEPS = 50;
  static final int MIN_RATE = 8_000;
  static final int MAX_RATE = 48_000;

  /**
   * Returns this config with the message's fields applied, or throws {@link WsProtocolException}
   * naming the field and its valid values; on error nothing changes.
   */
  WsConfig apply(JsonObject message, ModelCatalog catalog) {
    String newVoice = voice;
    String newLang = lang;
    double newSpeed = speed;
    int newSteps = totalSteps;
    boolean newAutoFlush = autoFlush;
    boolean newBinary = binary;
    Integer newRate = sampleRate;
    boolean newTimestamps = timestamps;
    if (message.getValue("voice") != null) {
      newVoice = nonBlankString(message, "voice");
      catalog.checkVoice(newVoice);
    }
    if (message.getValue("lang") != null) {
      newLang = nonBlankString(message, "lang").trim().toLowerCase(Locale.ROOT);
      catalog.checkLang(newLang);
    }
    if (message.getValue("speed") != null) {
      newSpeed = number(message, "speed");
      if (!(newSpeed >= MIN_SPEED && newSpeed <= MAX_SPEED)) {
        throw new WsProtocolException(
            "config.speed must be between "
                + MIN_SPEED
                + " and "
                + MAX_SPEED
                + ", got "
                + SafeText.of(message.getValue("speed")));
      }
    }
    if (message.getValue("total_steps") != null) {
      newSteps = integer(message, "total_steps", MIN_STEPS, MAX_STEPS);
    }
    if (message.getValue("auto_flush") != null) {
      newAutoFlush = bool(message, "auto_flush");
    }
    if (message.getValue("binary") != null) {
      newBinary = bool(message, "binary");
    }
    if (message.getValue("sample_rate") != null) {
      newRate = integer(message, "sample_rate", MIN_RATE, MAX_RATE);
    }
    if (message.getValue("timestamps") != null) {
      newTimestamps = bool(message, "timestamps");
    }
    return new WsConfig(
        newVoice, newLang, newSpeed, newSteps, newAutoFlush, newBinary, newRate, newTimestamps);
  }

  /** The output rate for a model producing {@code modelRate}. */
  int outputRate(int modelRate) {
    return sampleRate != null ? sampleRate : modelRate;
  }

  JsonObject toJson(int modelRate) {
    return new JsonObject()
        .put("voice", voice)
        .put("lang", lang)
        .put("speed", speed)
        .put("total_steps", totalSteps)
        .put("auto_flush", autoFlush)
        .put("binary", binary)
        .put("timestamps", timestamps)
        .put("sample_rate", outputRate(modelRate))
        .put("encoding", encoding(outputRate(modelRate)));
  }

  static String encoding(int rate) {
    return "pcm_s16le_" + rate + "_1ch";
  }

  private static String nonBlankString(JsonObject message, String field) {
    Object value = message.getValue(field);
    if (!(value instanceof String s) || s.isBlank()) {
      throw new WsProtocolException(
          "config." + field + " must be a non-empty string, got " + describe(value));
    }
    return s.trim();
  }

  private static double number(JsonObject message, String field) {
    Object value = message.getValue(field);
    if (!(value instanceof Number n)) {
      throw new WsProtocolException(
          "config." + field + " must be a number, got " + describe(value));
    }
    return n.doubleValue();
  }

  private static int integer(JsonObject message, String field, int min, int max) {
    Object value = message.getValue(field);
    if (!(value instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min
        || n.doubleValue() > max) {
      throw new WsProtocolException(
          "config."
              + field
              + " must be an integer from "
              + min
              + " to "
              + max
              + ", got "
              + describe(value));
    }
    return n.intValue();
  }

  private static boolean bool(JsonObject message, String field) {
    Object value = message.getValue(field);
    if (!(value instanceof Boolean b)) {
      throw new WsProtocolException(
          "config." + field + " must be true or false, got " + describe(value));
    }
    return b;
  }

  private static String describe(Object value) {
    return value instanceof String s ? "'" + SafeText.of(s) + "'" : SafeText.of(value);
  }
}
