package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.MissingLame;
import io.supertonic.testing.DecodedAudio;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without libmp3lame: mp3 requests say how to install it, wav and pcm keep working. */
class WithoutLameTest {
  @TempDir Path dir;

  @Test
  void mp3IsRefusedWithInstallAdviceAndOtherFormatsWork() throws Exception {
    try (TestServer server = TestServer.start(dir, new JsonObject(), MissingLame.encoders())) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      JsonObject error =
          ErrorResponsesTest.assertOpenAiError(
              http.speech(new JsonObject().put("input", "Hello.").put("response_format", "mp3")),
              400,
              "response_format");
      assertEquals("mp3_unavailable", error.getString("code"));
      assertTrue(error.getString("message").contains("libmp3lame0"), error.getString("message"));
      var wav = http.speech(new JsonObject().put("input", "Hello.").put("response_format", "wav"));
      assertEquals(200, wav.statusCode());
      assertTrue(DecodedAudio.wav(wav.body()).seconds() > 0);
    }
  }
}
