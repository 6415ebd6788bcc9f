package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.DecodedAudio;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /v1/audio/speech end to end, with the tiny model: every format, decoded and measured. */
class SpeechEndpointTest {
  @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();

  private static HttpTestClient http() {
    return SERVER.http();
  }

  private static JsonObject body(String format) {
    return new JsonObject()
        .put("model", "tts-1")
        .put("input", "Hello there. How are you today?")
        .put("voice", "alloy")
        .put("response_format", format)
        .put("seed", 7);
  }

  @Test
  void wavIsPlayableWithTheAnnouncedHeaders() throws Exception {
    HttpResponse<byte[]> response = http().speech(body("wav"));
    assertEquals(
        200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("44100", response.headers().firstValue("X-Sample-Rate").orElseThrow());
    assertEquals("F1", response.headers().firstValue("X-Voice").orElseThrow());
    assertEquals("en", response.headers().firstValue("X-Language").orElseThrow());
    assertEquals("supertonic-3", response.headers().firstValue("X-Model").orElseThrow());
    assertEquals("chunked", response.headers().firstValue("Transfer-Encoding").orElseThrow());
    String timing = response.headers().firstValue("Server-Timing").orElseThrow();
    assertTrue(
        timing.matches(
            "queue;dur=[0-9.]+, synth;dur=[0-9.]+;desc=\"first chunk\", server;dur=[0-9.]+"),
        timing);
    DecodedAudio audio = DecodedAudio.wav(response.body());
    assertEquals(44100, audio.sampleRate());
    assertEquals(1, audio.channels());
    assertTrue(audio.seconds() > 0.3, "audio of " + audio.seconds() + " s");
    assertFalse(audio.isSilent());
  }

  @Test
  void pcmIsRawSamplesAndTheSeedReproducesThem() throws Exception {
    HttpResponse<byte[]> first = http().speech(body("pcm"));
    HttpResponse<byte[]> second = http().speech(body("pcm"));
    assertEquals(200, first.statusCode());
    assertEquals(
        "pcm_s16le_44100_1ch", first.headers().firstValue("X-Audio-Encoding").orElseThrow());
    assertEquals("7", first.headers().firstValue("X-Seed").orElseThrow());
    assertEquals(0, first.body().length % 2);
    assertArrayEquals(first.body(), second.body());
    byte[] wav = http().speech(body("wav")).body();
    assertArrayEquals(
        first.body(), Arrays.copyOfRange(wav, wav.length - first.body().length, wav.length));

    HttpResponse<byte[]> otherVoice = http().speech(body("pcm").put("voice", "M3"));
    assertEquals("M3", otherVoice.headers().firstValue("X-Voice").orElseThrow());
    assertFalse(Arrays.equals(first.body(), otherVoice.body()));
  }

  @Test
  void mp3DecodesToTheSameDurationAsPcm() throws Exception {
    HttpResponse<byte[]> mp3 = http().speech(body("mp3"));
    assertEquals(200, mp3.statusCode(), () -> new String(mp3.body(), StandardCharsets.UTF_8));
    assertEquals("audio/mpeg", mp3.headers().firstValue("Content-Type").orElseThrow());
    DecodedAudio decoded = DecodedAudio.mp3(mp3.body());
    DecodedAudio pcm = DecodedAudio.pcm(http().speech(body("pcm")).body(), 44100);
    assertEquals(44100, decoded.sampleRate());
    assertEquals(1, decoded.channels());
    // An MP3 encoder adds priming/padding of about a frame or two at each end.
    assertEquals(pcm.seconds(), decoded.seconds(), 0.1);
    assertFalse(decoded.isSilent());
  }

  @Test
  void mp3IsTheDefaultFormat() throws Exception {
    JsonObject request = body("mp3");
    request.remove("response_format");
    HttpResponse<byte[]> response = http().speech(request);
    assertEquals(200, response.statusCode());
    assertEquals("audio/mpeg", response.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void sseStreamsDeltasThenDone() throws Exception {
    HttpResponse<byte[]> response = http().speech(body("pcm").put("stream_format", "sse"));
    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
    List<JsonObject> events = new ArrayList<>();
    for (String block : new String(response.body(), StandardCharsets.UTF_8).split("\n\n")) {
      if (block.startsWith("data: ")) {
        events.add(new JsonObject(block.substring("data: ".length())));
      }
    }
    assertTrue(events.size() >= 2);
    JsonObject last = events.get(events.size() - 1);
    assertEquals("speech.audio.done", last.getString("type"));
    assertTrue(last.getJsonObject("usage").getInteger("input_tokens") > 0);
    java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
    for (JsonObject event : events.subList(0, events.size() - 1)) {
      assertEquals("speech.audio.delta", event.getString("type"));
      audio.write(Base64.getDecoder().decode(event.getString("audio")));
    }
    assertArrayEquals(http().speech(body("pcm")).body(), audio.toByteArray());
  }

  @Test
  void openAiSpeedIsClampedIntoTheModelRange() throws Exception {
    HttpResponse<byte[]> fast = http().speech(body("pcm").put("speed", 4.0));
    assertEquals(200, fast.statusCode());
    assertEquals("2.0", fast.headers().firstValue("X-Speed").orElseThrow());
    HttpResponse<byte[]> slow = http().speech(body("pcm").put("speed", 0.25));
    assertEquals("0.5", slow.headers().firstValue("X-Speed").orElseThrow());
    assertTrue(slow.body().length > fast.body().length, "slower speech is longer");
  }

  @Test
  void languageAndStepsExtensionsAreApplied() throws Exception {
    HttpResponse<byte[]> korean =
        http()
            .speech(
                body("pcm").put("input", "안녕하세요. 반갑습니다.").put("lang", "KO").put("total_steps", 2));
    assertEquals(200, korean.statusCode(), () -> new String(korean.body(), StandardCharsets.UTF_8));
    assertEquals("ko", korean.headers().firstValue("X-Language").orElseThrow());
    assertTrue(korean.body().length > 0);
  }

  @Test
  void voicesAreCaseInsensitiveAndInstructionsAreAccepted() throws Exception {
    HttpResponse<byte[]> response =
        http()
            .speech(
                body("pcm")
                    .put("voice", "NOVA")
                    .put("instructions", "Speak cheerfully.")
                    .put("model", "gpt-4o-mini-tts"));
    assertEquals(
        200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("F4", response.headers().firstValue("X-Voice").orElseThrow());
    assertEquals(
        "m5",
        http()
            .speech(body("pcm").put("voice", "m5"))
            .headers()
            .firstValue("X-Voice")
            .orElseThrow()
            .toLowerCase());
  }

  @Test
  void sampleRateExtensionResamplesEveryFormat() throws Exception {
    DecodedAudio native44k = DecodedAudio.pcm(http().speech(body("pcm")).body(), 44100);

    HttpResponse<byte[]> pcm = http().speech(body("pcm").put("sample_rate", 16000));
    assertEquals("16000", pcm.headers().firstValue("X-Sample-Rate").orElseThrow());
    assertEquals("pcm_s16le_16000_1ch", pcm.headers().firstValue("X-Audio-Encoding").orElseThrow());
    DecodedAudio pcm16k = DecodedAudio.pcm(pcm.body(), 16000);
    assertEquals(
        Math.round(native44k.samples().length * 16000.0 / 44100), pcm16k.samples().length, 2);

    DecodedAudio wav24k =
        DecodedAudio.wav(http().speech(body("wav").put("sample_rate", 24000)).body());
    assertEquals(24000, wav24k.sampleRate());
    assertEquals(native44k.seconds(), wav24k.seconds(), 0.001);
    assertFalse(wav24k.isSilent());

    DecodedAudio mp3 =
        DecodedAudio.mp3(http().speech(body("mp3").put("sample_rate", 24000)).body());
    assertEquals(24000, mp3.sampleRate());
    assertEquals(native44k.seconds(), mp3.seconds(), 0.15);
  }

  @Test
  void voiceBlendsAreAcceptedAndNamedCanonically() throws Exception {
    HttpResponse<byte[]> blended = http().speech(body("pcm").put("voice", "alloy+onyx"));
    assertEquals(
        200, blended.statusCode(), () -> new String(blended.body(), StandardCharsets.UTF_8));
    assertEquals("F1:0.5+M1:0.5", blended.headers().firstValue("X-Voice").orElseThrow());
    assertFalse(Arrays.equals(http().speech(body("pcm")).body(), blended.body()));
    assertEquals(400, http().speech(body("pcm").put("voice", "alloy+bob")).statusCode());
  }

  @Test
  void autoLanguageFollowsTheScript() throws Exception {
    HttpResponse<byte[]> korean =
        http().speech(body("pcm").put("input", "안녕하세요. 반갑습니다.").put("lang", "auto"));
    assertEquals(200, korean.statusCode(), () -> new String(korean.body(), StandardCharsets.UTF_8));
    assertEquals("ko", korean.headers().firstValue("X-Language").orElseThrow());
    HttpResponse<byte[]> english = http().speech(body("pcm").put("lang", "AUTO"));
    assertEquals("en", english.headers().firstValue("X-Language").orElseThrow());
  }
}
