package io.supertonic.bus;

import io.vertx.core.MultiMap;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Locale;

/**
 * What accompanies each audio chunk: as event-bus headers on a binary chunk, or as the fields of a
 * JSON {@code {"type":"chunk",...,"audio":"<base64>"}} chunk.
 *
 * @param seq 0, 1, 2, ... in order
 * @param synthMs milliseconds spent synthesizing this chunk (-1 unknown)
 * @param queueMs milliseconds the job waited in the worker's queue; on the first chunk only (-1
 *     otherwise)
 * @param text the text this chunk speaks, as the model read it (normalized); null when the worker
 *     predates protocol 1.1. Lets a gateway map chunks back to spans of its input (timestamps).
 */
public record ChunkHeader(int seq, double synthMs, double queueMs, String text) {

  public ChunkHeader(int seq, double synthMs, double queueMs) {
    this(seq, synthMs, queueMs, null);
  }

  public DeliveryOptions toDeliveryOptions() {
    DeliveryOptions options =
        new DeliveryOptions()
            .addHeader(SynthesisProtocol.HEADER_TYPE, SynthesisProtocol.TYPE_CHUNK)
            .addHeader(SynthesisProtocol.HEADER_VERSION, SynthesisProtocol.VERSION)
            .addHeader(SynthesisProtocol.HEADER_SEQ, Integer.toString(seq))
            .addHeader(SynthesisProtocol.HEADER_SYNTH_MS, millis(synthMs));
    if (queueMs >= 0) {
      options.addHeader(SynthesisProtocol.HEADER_QUEUE_MS, millis(queueMs));
    }
    if (text != null) {
      options.addHeader(SynthesisProtocol.HEADER_TEXT, text);
    }
    return options;
  }

  public static ChunkHeader fromHeaders(MultiMap headers) {
    return new ChunkHeader(
        (int) number(headers.get(SynthesisProtocol.HEADER_SEQ), -1),
        number(headers.get(SynthesisProtocol.HEADER_SYNTH_MS), -1),
        number(headers.get(SynthesisProtocol.HEADER_QUEUE_MS), -1),
        headers.get(SynthesisProtocol.HEADER_TEXT));
  }

  /** The base64 form: this header plus the PCM. */
  public JsonObject toJson(byte[] pcm) {
    JsonObject json =
        new JsonObject()
            .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
            .put("type", SynthesisProtocol.TYPE_CHUNK)
            .put("seq", seq)
            .put("synth_ms", synthMs);
    if (queueMs >= 0) {
      json.put("queue_ms", queueMs);
    }
    if (text != null) {
      json.put(SynthesisProtocol.HEADER_TEXT, text);
    }
    return json.put("audio", Base64.getEncoder().encodeToString(pcm));
  }

  public static ChunkHeader fromJson(JsonObject json) {
    return new ChunkHeader(
        json.getInteger("seq", -1),
        json.getDouble("synth_ms", -1.0),
        json.getDouble("queue_ms", -1.0),
        json.getString(SynthesisProtocol.HEADER_TEXT));
  }

  private static String millis(double ms) {
    return String.format(Locale.ROOT, "%.1f", ms);
  }

  private static double number(String value, double fallback) {
    try {
      return value == null ? fallback : Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
