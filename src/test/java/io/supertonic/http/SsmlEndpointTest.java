package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SSML over HTTP: errors, the ignored-elements header, and breaks in the streamed audio. */
class SsmlEndpointTest {
  @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();

  private static HttpResponse<byte[]> speech(String input) throws Exception {
    return SERVER
        .http()
        .speech(
            new JsonObject()
                .put("model", "tts-1")
                .put("input", input)
                .put("voice", "alloy")
                .put("response_format", "pcm")
                .put("seed", 5));
  }

  @Test
  void malformedSsmlIs400WithThePosition() throws Exception {
    HttpResponse<byte[]> response = speech("<speak>\n  Hello <prosody rate=\"slow\">there</speak>");
    assertEquals(400, response.statusCode());
    JsonObject error = HttpTestClient.json(response).getJsonObject("error");
    assertEquals("invalid_ssml", error.getString("code"));
    assertEquals("input", error.getString("param"));
    assertEquals("invalid_request_error", error.getString("type"));
    assertTrue(error.getString("message").contains("line 2, column"), error.getString("message"));
  }

  @Test
  void entityDeclarationsAre400() throws Exception {
    HttpResponse<byte[]> response =
        speech("<speak><!DOCTYPE speak [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>&x;</speak>");
    assertEquals(400, response.statusCode());
    assertEquals(
        "invalid_ssml", HttpTestClient.json(response).getJsonObject("error").getString("code"));
  }

  @Test
  void ignoredElementsAreNamedInAHeader() throws Exception {
    HttpResponse<byte[]> response =
        speech("<speak>I <emphasis>really</emphasis> do<audio src=\"a.wav\"/>.</speak>");
    assertEquals(
        200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("emphasis,audio", response.headers().firstValue("X-SSML-Ignored").orElseThrow());
    assertTrue(response.body().length > 0);
  }

  @Test
  void aBreakIsSilenceInTheStreamedAudio() throws Exception {
    HttpResponse<byte[]> response = speech("<speak>One.<break time=\"1500ms\"/>Two.</speak>");
    assertEquals(200, response.statusCode());
    assertFalse(response.headers().firstValue("X-SSML-Ignored").isPresent());
    byte[] pcm = response.body();
    int best = 0;
    int run = 0;
    for (int i = 0; i + 1 < pcm.length; i += 2) {
      run = pcm[i] == 0 && pcm[i + 1] == 0 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    double seconds = best / 44100.0;
    assertTrue(seconds >= 1.5 && seconds <= 1.61, "silence of " + seconds + " s");
  }

  @Test
  void plainTextWithSpeakInsideIsSpokenAsText() throws Exception {
    HttpResponse<byte[]> response = speech("Type <speak> & </broken> to start.");
    assertEquals(
        200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertFalse(response.headers().firstValue("X-SSML-Ignored").isPresent());
  }
}
