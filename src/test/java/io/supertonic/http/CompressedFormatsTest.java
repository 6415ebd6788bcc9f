package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.MissingCodecs;
import io.supertonic.testing.DecodedAudio;
import io.supertonic.testing.Ffmpeg;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * opus (Ogg) and flac: decodable by ffmpeg at the advertised rate, as long as the WAV of the same
 * request, streamed chunk by chunk, and a clear 400 where the library is missing.
 */
class CompressedFormatsTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    http = new HttpTestClient(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonObject request(String format) {
    return new JsonObject()
        .put("input", "Compressed speech for the web. It has two sentences.")
        .put("voice", "M1")
        .put("seed", 11)
        .put("response_format", format);
  }

  @ParameterizedTest
  @CsvSource({"opus, audio/ogg, 48000, OggS", "flac, audio/flac, 44100, fLaC"})
  void decodesAtTheAdvertisedRateWithTheWavsDuration(
      String format, String contentType, int rate, String magic) throws Exception {
    HttpResponse<byte[]> response = http.speech(request(format));
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(contentType, response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        String.valueOf(rate), response.headers().firstValue("X-Sample-Rate").orElseThrow());
    assertEquals(magic, new String(Arrays.copyOf(response.body(), 4), StandardCharsets.US_ASCII));
    DecodedAudio decoded = Ffmpeg.decode(response.body(), dir);
    assertEquals(rate, decoded.sampleRate());
    DecodedAudio wav = DecodedAudio.wav(http.speech(request("wav")).body());
    // Opus may pad up to a 20 ms frame at the end; FLAC is lossless and exact.
    assertEquals(wav.seconds(), decoded.seconds(), format.equals("flac") ? 1e-6 : 0.03, format);
    assertFalse(decoded.isSilent(), "the tones survive encoding");
    if (format.equals("flac")) {
      assertArrayEquals(wav.samples(), decoded.samples(), "FLAC is lossless");
    }
  }

  @ParameterizedTest
  @CsvSource({"opus, OggS", "flac, fLaC"})
  void bytesLeaveWhileTheRestIsStillBeingSynthesized(String format, String magic) throws Exception {
    CompletableFuture<JsonObject> done = StreamingBehaviourTest.nextRecord(server, "ok");
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      text.append(StreamingBehaviourTest.longText());
    }
    HttpResponse<InputStream> response =
        http.speechStream(request(format).put("input", text.toString()));
    assertEquals(200, response.statusCode());
    try (InputStream in = response.body()) {
      byte[] first = in.readNBytes(4);
      assertEquals(magic, new String(first, StandardCharsets.US_ASCII));
      // Unread, the response holds synthesis back: the first bytes came before the end.
      assertFalse(done.isDone(), "synthesis finished before the first bytes were read");
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    JsonObject record = done.get(60, TimeUnit.SECONDS);
    assertEquals(format, record.getString("format"));
  }

  @Test
  void aMissingLibraryIsA400NamingThePackageAndTheServerStaysUp() throws Exception {
    try (TestServer without =
        TestServer.start(dir.resolve("missing"), new JsonObject(), MissingCodecs.encoders())) {
      HttpTestClient client = new HttpTestClient(without.baseUrl());
      for (String[] expected : new String[][] {{"opus", "libopusenc0"}, {"flac", "libflac12"}}) {
        HttpResponse<byte[]> response = client.speech(request(expected[0]));
        assertEquals(400, response.statusCode());
        JsonObject error = new JsonObject(new String(response.body(), StandardCharsets.UTF_8));
        String message = error.getJsonObject("error").getString("message");
        assertTrue(message.contains(expected[1]), message);
        assertEquals(expected[0] + "_unavailable", error.getJsonObject("error").getString("code"));
      }
      assertEquals(200, client.speech(request("wav")).statusCode());
    }
  }
}
