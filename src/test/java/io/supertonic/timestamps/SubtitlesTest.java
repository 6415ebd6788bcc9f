package io.supertonic.timestamps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubtitlesTest {
  private static final List<SpanTimestamp> SPANS =
      List.of(
          new SpanTimestamp(0, 0, 9, 0.0, 1.2345, "Hello <b>"),
          new SpanTimestamp(1, 10, 30, 1.2345, 3723.5, "Line one\nline two"));

  @Test
  void webVtt() {
    assertEquals(
        "WEBVTT\n\n1\n00:00:00.000 --> 00:00:01.235\nHello &lt;b&gt;\n\n"
            + "2\n00:00:01.235 --> 01:02:03.500\nLine one line two\n\n",
        Subtitles.vtt(SPANS));
  }

  @Test
  void subRip() {
    assertEquals(
        "1\n00:00:00,000 --> 00:00:01,235\nHello <b>\n\n"
            + "2\n00:00:01,235 --> 01:02:03,500\nLine one line two\n\n",
        Subtitles.srt(SPANS));
  }
}
