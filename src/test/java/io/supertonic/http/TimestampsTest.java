package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.DecodedAudio;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timestamps end to end on the tiny model: SSE events between the audio deltas, and WebVTT/SRT from
 * response_format, all monotonic, covering the input, and ending with the audio.
 */
class TimestampsTest {
  @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();

  /** Several chunks: the first is packed to ~80 characters, the rest up to 300. */
  static final String INPUT =
      "  The first sentence is short. The second one is a little longer, with a comma."
          + " Café au lait, s'il vous plaît — said nobody here. Numbers like 42 stay as written!"
          + " \"Quoted speech,\" she said, \"ends the paragraph.\"\n\nA new paragraph starts."
          + " And this one, the last sentence of the text, ends it. ";

  private static JsonObject request(String format) {
    return new JsonObject().put("input", INPUT).put("response_format", format).put("seed", 11);
  }

  @Test
  void sseInterleavesTimestampsWithTheAudio() throws Exception {
    HttpResponse<byte[]> response =
        SERVER.http().speech(request("pcm").put("stream_format", "sse").put("timestamps", true));
    assertEquals(200, response.statusCode());
    int rate = Integer.parseInt(response.headers().firstValue("X-Sample-Rate").orElseThrow());
    List<String> order = new ArrayList<>();
    List<JsonObject> stamps = new ArrayList<>();
    java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
    for (String line : new String(response.body(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.startsWith("data: ")) {
        continue;
      }
      JsonObject event = new JsonObject(line.substring(6));
      String type = event.getString("type");
      order.add(type);
      if ("speech.audio.timestamps".equals(type)) {
        stamps.add(event);
      } else if ("speech.audio.delta".equals(type)) {
        audio.writeBytes(Base64.getDecoder().decode(event.getString("audio")));
      }
    }
    assertTrue(stamps.size() >= 2, "several chunks: " + stamps);
    int firstStamp = order.indexOf("speech.audio.timestamps");
    assertTrue(
        firstStamp > 0 && order.subList(firstStamp, order.size()).contains("speech.audio.delta"),
        "deltas continue after the first timestamps event: " + order);
    assertEquals("speech.audio.done", order.get(order.size() - 1));
    double seconds = DecodedAudio.pcm(audio.toByteArray(), rate).seconds();
    int cursor = 0;
    double time = 0;
    for (JsonObject s : stamps) {
      int start = s.getInteger("text_start");
      int end = s.getInteger("text_end");
      assertTrue(start >= cursor && INPUT.substring(cursor, start).isBlank(), "no gap: " + s);
      assertEquals(INPUT.substring(start, end), s.getString("text"));
      assertEquals(time, s.getDouble("audio_start"), 0.0011, "contiguous: " + s);
      assertTrue(s.getDouble("audio_end") > s.getDouble("audio_start"));
      cursor = end;
      time = s.getDouble("audio_end");
    }
    assertTrue(INPUT.substring(cursor).isBlank(), "the spans cover the input");
    assertEquals(seconds, time, 0.01, "the last chunk ends with the audio");
    assertTrue(stamps.get(0).getString("text").startsWith("The first sentence"));
  }

  private static final Pattern CUE =
      Pattern.compile(
          "(\\d+)\\n(\\d\\d):(\\d\\d):(\\d\\d)[.,](\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)[.,](\\d{3})\\n([^\\n]+)\\n\\n");

  private record Cue(double start, double end, String text) {}

  private static List<Cue> cues(String body, int skip) {
    List<Cue> cues = new ArrayList<>();
    Matcher m = CUE.matcher(body);
    int at = skip;
    while (at < body.length()) {
      assertTrue(m.find(at) && m.start() == at, "a cue at " + at + " in:\n" + body);
      assertEquals(cues.size() + 1, Integer.parseInt(m.group(1)));
      cues.add(new Cue(seconds(m, 2), seconds(m, 6), m.group(10)));
      at = m.end();
    }
    return cues;
  }

  private static double seconds(Matcher m, int group) {
    return Integer.parseInt(m.group(group)) * 3600
        + Integer.parseInt(m.group(group + 1)) * 60
        + Integer.parseInt(m.group(group + 2))
        + Integer.parseInt(m.group(group + 3)) / 1000.0;
  }

  @Test
  void webVttAndSrtTimeTheSameAudio() throws Exception {
    HttpResponse<byte[]> wav = SERVER.http().speech(request("wav"));
    double seconds = DecodedAudio.wav(wav.body()).seconds();
    HttpResponse<byte[]> vtt = SERVER.http().speech(request("vtt"));
    assertEquals(200, vtt.statusCode());
    assertTrue(vtt.headers().firstValue("Content-Type").orElseThrow().startsWith("text/vtt"));
    String vttBody = new String(vtt.body(), StandardCharsets.UTF_8);
    assertTrue(vttBody.startsWith("WEBVTT\n\n"));
    List<Cue> vttCues = cues(vttBody, "WEBVTT\n\n".length());
    HttpResponse<byte[]> srt = SERVER.http().speech(request("srt"));
    assertEquals(200, srt.statusCode());
    List<Cue> srtCues = cues(new String(srt.body(), StandardCharsets.UTF_8), 0);
    assertEquals(vttCues, srtCues, "one timing, two renderings");
    assertTrue(vttCues.size() >= 2);
    double time = 0;
    StringBuilder words = new StringBuilder();
    for (Cue cue : vttCues) {
      assertEquals(time, cue.start(), 0.0011);
      assertTrue(cue.end() > cue.start());
      time = cue.end();
      words.append(cue.text()).append(' ');
    }
    assertEquals(seconds, time, 0.01, "the cues end with the audio");
    assertEquals(
        INPUT.replaceAll("\\s+", " ").strip(),
        words.toString().replace("&amp;", "&").strip(),
        "the cues say the whole input, as written");
  }

  @Test
  void sseWithoutTheExtensionSendsOnlyOpenAisEvents() throws Exception {
    HttpResponse<byte[]> response =
        SERVER.http().speech(request("pcm").put("stream_format", "sse").put("seed", 12));
    String body = new String(response.body(), StandardCharsets.UTF_8);
    assertTrue(body.contains("speech.audio.delta"));
    assertTrue(!body.contains("speech.audio.timestamps"), "opt-in only");
    HttpResponse<byte[]> bad =
        SERVER.http().speech(request("pcm").put("stream_format", "sse").put("timestamps", "yes"));
    assertEquals(400, bad.statusCode());
    assertEquals("timestamps", HttpTestClient.json(bad).getJsonObject("error").getString("param"));
  }

  @Test
  void subtitlesOfBadInputAreA400() throws Exception {
    HttpResponse<byte[]> response =
        SERVER.http().speech(new JsonObject().put("input", "").put("response_format", "vtt"));
    assertEquals(400, response.statusCode());
    assertEquals("input", HttpTestClient.json(response).getJsonObject("error").getString("param"));
  }
}
