package io.supertonic.timestamps;

import io.vertx.core.json.JsonObject;

/**
 * Where one chunk of the audio is, in the text and in time.
 *
 * @param start offset of the span's first character in the request's input (UTF-16 units, as
 *     JavaScript and Java index strings)
 * @param end offset just past the span's last character
 * @param startS the chunk's first sample, in seconds from the start of the audio
 * @param endS just past the chunk's last sample; the next chunk starts here
 * @param text the input between start and end
 */
public record SpanTimestamp(int seq, int start, int end, double startS, double endS, String text) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("seq", seq)
        .put("text_start", start)
        .put("text_end", end)
        .put("audio_start", round(startS))
        .put("audio_end", round(endS))
        .put("text", text);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000.0) / 1000.0;
  }
}
