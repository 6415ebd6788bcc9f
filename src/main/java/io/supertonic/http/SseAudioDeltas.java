package io.supertonic.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Cuts encoded audio into {@code speech.audio.delta} events of about 100 ms each, as OpenAI sends
 * them: a synthesized chunk (seconds of audio, ~400 KB of pcm) would otherwise be one huge event.
 */
final class SseAudioDeltas {
  static final double DELTA_SECONDS = 0.1;

  private final int deltaBytes;

  /**
   * @param bytesPerSecond the encoded stream's byte rate (for pcm/wav: rate x 2)
   */
  SseAudioDeltas(int bytesPerSecond) {
    // Even, so a pcm delta never splits a 16-bit sample.
    this.deltaBytes = Math.max(2, (int) Math.round(bytesPerSecond * DELTA_SECONDS) & ~1);
  }

  int deltaBytes() {
    return deltaBytes;
  }

  List<byte[]> slice(byte[] bytes) {
    if (bytes.length <= deltaBytes) {
      return List.of(bytes);
    }
    List<byte[]> parts = new ArrayList<>();
    for (int from = 0; from < bytes.length; from += deltaBytes) {
      parts.add(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + deltaBytes)));
    }
    return parts;
  }

  /** Writes the bytes as delta events; completes when the last one is written. */
  Future<Void> write(HttpServerResponse response, byte[] bytes) {
    Future<Void> last = Future.succeededFuture();
    for (byte[] part : slice(bytes)) {
      JsonObject event =
          new JsonObject()
              .put("type", "speech.audio.delta")
              .put("audio", Base64.getEncoder().encodeToString(part));
      last = response.write("data: " + event.encode() + "\n\n");
    }
    return last;
  }
}
