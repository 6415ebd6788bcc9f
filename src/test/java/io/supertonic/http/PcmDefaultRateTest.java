package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.testing.DecodedAudio;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --pcm-sample-rate 24000 makes raw PCM match what clients written for OpenAI assume, while formats
 * that carry their rate keep the model's unless asked.
 */
class PcmDefaultRateTest {
  @TempDir Path dir;

  @Test
  void rawPcmDefaultsToTheConfiguredRate() throws Exception {
    try (TestServer server =
        TestServer.start(dir, new JsonObject().put("pcm_sample_rate", 24000))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      JsonObject request =
          new JsonObject().put("input", "OpenAI clients expect this.").put("seed", 3);
      var pcm = http.speech(request.copy().put("response_format", "pcm"));
      assertEquals("24000", pcm.headers().firstValue("X-Sample-Rate").orElseThrow());
      assertEquals(
          "pcm_s16le_24000_1ch", pcm.headers().firstValue("X-Audio-Encoding").orElseThrow());
      JsonObject health = new JsonObject(http.get("/healthz").body());
      assertEquals(24000, health.getInteger("pcm_sample_rate"));
      assertEquals(44100, health.getInteger("sample_rate"));
      var wav = http.speech(request.copy().put("response_format", "wav"));
      DecodedAudio wavAudio = DecodedAudio.wav(wav.body());
      assertEquals(44100, wavAudio.sampleRate());
      assertEquals(wavAudio.seconds(), DecodedAudio.pcm(pcm.body(), 24000).seconds(), 0.001);
      var explicit =
          http.speech(request.copy().put("response_format", "pcm").put("sample_rate", 44100));
      assertEquals("44100", explicit.headers().firstValue("X-Sample-Rate").orElseThrow());
    }
  }
}
