package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.AudioEncoders;
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
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * opus (Ogg), flac and aac (ADTS, through an ffmpeg process): decodable by ffmpeg at the advertised
 * rate, as long as the WAV of the same request, streamed chunk by chunk, and a clear 400 where the
 * library is missing.
 */
class CompressedFormatsTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static HttpTestClient http;
  private static AudioEncoders encoders;

  @BeforeAll
  static void start() throws Exception {
    encoders = AudioEncoders.detect();
    server = TestServer.start(dir, new JsonObject(), encoders);
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
      for (String[] expected :
          new String[][] {
            {"opus", "libopusenc0"}, {"flac", "libflac12"}, {"aac", "apt-get install ffmpeg"}
          }) {
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

  @Test
  void aacIsAdtsDecodableAtTheRateWithTheWavsDurationPlusPriming() throws Exception {
    HttpResponse<byte[]> response = http.speech(request("aac"));
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    assertEquals("audio/aac", response.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("44100", response.headers().firstValue("X-Sample-Rate").orElseThrow());
    assertAdtsSync(response.body());
    DecodedAudio decoded = Ffmpeg.decode(response.body(), dir);
    assertEquals(44100, decoded.sampleRate());
    DecodedAudio wav = DecodedAudio.wav(http.speech(request("wav")).body());
    // ADTS has no edit list, so the last frame's padding decodes too: up to two 1024-sample
    // frames more than the WAV; nothing may be missing.
    double extra = decoded.seconds() - wav.seconds();
    assertTrue(extra >= 0 && extra < 0.05, "aac minus wav: " + extra + " s");
    assertFalse(decoded.isSilent(), "the tones survive encoding");
  }

  @Test
  void aacAtARequestedRate() throws Exception {
    HttpResponse<byte[]> response = http.speech(request("aac").put("sample_rate", 24000));
    assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    assertEquals(24000, Ffmpeg.decode(response.body(), dir).sampleRate());
    HttpResponse<byte[]> odd = http.speech(request("aac").put("sample_rate", 23000));
    assertEquals(400, odd.statusCode());
    assertTrue(new String(odd.body(), StandardCharsets.UTF_8).contains("22050"));
  }

  @Test
  void aacBytesLeaveWhileTheRestIsStillBeingSynthesized() throws Exception {
    CompletableFuture<JsonObject> done = StreamingBehaviourTest.nextRecord(server, "ok");
    Set<Long> others = otherServersSpares();
    HttpResponse<InputStream> response =
        http.speechStream(request("aac").put("input", longInput()));
    assertEquals(200, response.statusCode());
    Set<Long> encoding;
    try (InputStream in = response.body()) {
      assertAdtsSync(in.readNBytes(2));
      assertFalse(done.isDone(), "synthesis finished before the first bytes were read");
      encoding = encodingNow(others);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    assertEquals("aac", done.get(60, TimeUnit.SECONDS).getString("format"));
    awaitGone(encoding, others);
  }

  @Test
  void aClientThatGoesAwayLeavesNoFfmpegProcessBehind() throws Exception {
    CompletableFuture<JsonObject> cancelled =
        StreamingBehaviourTest.nextRecord(server, "cancelled");
    Set<Long> others = otherServersSpares();
    HttpResponse<InputStream> response =
        http.speechStream(request("aac").put("input", longInput()));
    assertEquals(200, response.statusCode());
    InputStream in = response.body();
    assertAdtsSync(in.readNBytes(2));
    Set<Long> encoding = encodingNow(others);
    in.close(); // the client goes away mid-stream
    cancelled.get(60, TimeUnit.SECONDS);
    awaitGone(encoding, others);
  }

  private static String longInput() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 2; i++) {
      text.append(StreamingBehaviourTest.longText());
    }
    return text.toString();
  }

  private static void assertAdtsSync(byte[] bytes) {
    assertEquals(0xFF, bytes[0] & 0xFF, "ADTS sync word");
    assertEquals(0xF0, bytes[1] & 0xF6, "ADTS sync word, layer 0");
  }

  private static Set<Long> ffmpegChildren() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false))
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** Idle ffmpeg children of servers that earlier tests in this JVM started. */
  private static Set<Long> otherServersSpares() {
    Set<Long> others = ffmpegChildren();
    others.removeAll(encoders.spareAacProcesses());
    return others;
  }

  /** The ffmpeg children encoding a response of this server right now (at least one). */
  private static Set<Long> encodingNow(Set<Long> others) {
    Set<Long> encoding = ffmpegChildren();
    encoding.removeAll(others);
    encoding.removeAll(encoders.spareAacProcesses());
    assertFalse(encoding.isEmpty(), "an ffmpeg process encodes the stream");
    return encoding;
  }

  /**
   * Killed and reaped: every process that encoded is gone (or is a spare that was still starting),
   * and no ffmpeg child remains but spares, within a bounded wait.
   */
  private static void awaitGone(Set<Long> encoding, Set<Long> others) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Set<Long> left;
    do {
      Set<Long> spares = encoders.spareAacProcesses();
      left = ffmpegChildren();
      left.removeAll(others);
      left.removeAll(spares);
      left.addAll(
          encoding.stream()
              .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
              .filter(pid -> !spares.contains(pid))
              .toList());
      if (left.isEmpty()) {
        break;
      }
      Thread.sleep(20); // polling an OS process table; there is no event to await
    } while (System.nanoTime() < deadline);
    assertEquals(Set.of(), left, "ffmpeg children left behind");
    assertTrue(encoders.spareAacProcesses().size() <= 2, "one spare per rate, two rates at most");
  }
}
