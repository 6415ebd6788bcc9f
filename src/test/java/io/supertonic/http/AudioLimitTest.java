package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code max_audio_seconds} is enforced by the worker while synthesizing, not only by the estimate
 * made before starting: text the estimate lets through still cannot run past the limit.
 */
class AudioLimitTest {
  // The tiny model speaks this line in about 2.6 s; the estimate (15 characters a second at speed
  // 1.05) puts it at about 2 s, under the limit, so only the worker's check can stop it.
  private static final String LINE = "Hello there. How are you today?";

  @RegisterExtension
  static final ServerPerClass SERVER =
      new ServerPerClass(new JsonObject().put("max_audio_seconds", 2.2));

  @Test
  void theWorkerStopsAudioAtTheLimit() throws Exception {
    HttpResponse<byte[]> response =
        SERVER
            .http()
            .speech(
                new JsonObject()
                    .put("input", LINE)
                    .put("response_format", "wav")
                    .put("speed", 1.05)
                    .put("seed", 7));

    assertEquals(400, response.statusCode());
    JsonObject error = HttpTestClient.json(response).getJsonObject("error");
    assertEquals("audio_too_long", error.getString("code"));
    assertTrue(error.getString("message").contains("2 s"), error.getString("message"));
  }

  @Test
  void shorterTextStillWorks() throws Exception {
    HttpResponse<byte[]> response =
        SERVER.http().speech(new JsonObject().put("input", "Hi.").put("response_format", "wav"));

    assertEquals(200, response.statusCode());
  }
}
