package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.HttpResponse;
import com.openai.models.audio.speech.SpeechCreateParams;
import io.supertonic.testing.DecodedAudio;
import io.supertonic.testing.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java SDK, unchanged but for its base URL, as a real client. */
class OpenAiSdkTest {
  @TempDir static Path dir;
  static TestServer server;
  static OpenAIClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    client =
        OpenAIOkHttpClient.builder()
            .baseUrl(server.baseUrl() + "/v1")
            .apiKey("not-needed")
            .maxRetries(0)
            .build();
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    server.close();
  }

  private static byte[] speech(SpeechCreateParams.ResponseFormat format) throws Exception {
    SpeechCreateParams params =
        SpeechCreateParams.builder()
            .model("tts-1")
            .voice("nova")
            .input("Drop-in replacement for OpenAI text to speech.")
            .responseFormat(format)
            .build();
    try (HttpResponse response = client.audio().speech().create(params)) {
      assertEquals(200, response.statusCode());
      return response.body().readAllBytes();
    }
  }

  @Test
  void createsSpeechInEveryFormat() throws Exception {
    DecodedAudio wav = DecodedAudio.wav(speech(SpeechCreateParams.ResponseFormat.WAV));
    assertEquals(44100, wav.sampleRate());
    assertFalse(wav.isSilent());
    DecodedAudio mp3 = DecodedAudio.mp3(speech(SpeechCreateParams.ResponseFormat.MP3));
    assertEquals(wav.seconds(), mp3.seconds(), 0.5);
    byte[] pcm = speech(SpeechCreateParams.ResponseFormat.PCM);
    assertTrue(pcm.length > 0 && pcm.length % 2 == 0);
    DecodedAudio opus =
        io.supertonic.testing.Ffmpeg.decode(speech(SpeechCreateParams.ResponseFormat.OPUS), dir);
    assertEquals(48000, opus.sampleRate());
    assertEquals(wav.seconds(), opus.seconds(), 0.03);
    DecodedAudio flac =
        io.supertonic.testing.Ffmpeg.decode(speech(SpeechCreateParams.ResponseFormat.FLAC), dir);
    assertEquals(44100, flac.sampleRate());
    assertEquals(wav.seconds(), flac.seconds(), 1e-6);
    byte[] aacBytes = speech(SpeechCreateParams.ResponseFormat.AAC);
    assertEquals(0xFF, aacBytes[0] & 0xFF, "ADTS sync word");
    DecodedAudio aac = io.supertonic.testing.Ffmpeg.decode(aacBytes, dir);
    assertEquals(44100, aac.sampleRate());
    // ADTS carries no edit list: the last frame's padding decodes too, up to two frames more.
    assertEquals(wav.seconds() + 0.025, aac.seconds(), 0.025);
  }
}
