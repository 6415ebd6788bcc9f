package io.supertonic.timestamps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Chunks as the pipeline rewrites them still land on the right spans of what the user wrote. */
class SpanAlignerTest {
  private static List<SpanTimestamp> align(String input, String... chunks) {
    TimestampTrack track = new TimestampTrack(input, 1000);
    for (String chunk : chunks) {
      track.add(chunk, 500, false);
    }
    return track.finish();
  }

  @Test
  void normalizedChunksMapToTheSentencesAsWritten() {
    String input = "  Café crème, s'il vous plaît!  Second — sentence…\n\nThird one. ";
    List<SpanTimestamp> spans =
        align(
            input,
            "<fr>Cafe\u0301 cre\u0300me, s'il vous plai\u0302t!</fr>",
            "<fr>Second - sentence...</fr>",
            "<fr>Third one.</fr>");
    assertEquals("Café crème, s'il vous plaît!", spans.get(0).text());
    assertEquals("Second — sentence…", spans.get(1).text());
    assertEquals("Third one.", spans.get(2).text());
    assertEquals(input.indexOf("Third"), spans.get(2).start());
    assertEquals(input.stripTrailing().length(), spans.get(2).end());
  }

  @Test
  void aRewrittenChunkStillEndsWhereItsLastWordsAre() {
    // A lexicon turned "SQL" into "sequel": the chunk's tail still finds its end.
    String input = "We query SQL databases every day. Then we rest.";
    List<SpanTimestamp> spans =
        align(input, "We query sequel databases every day.", "Then we rest.");
    assertEquals("We query SQL databases every day.", spans.get(0).text());
    assertEquals("Then we rest.", spans.get(1).text());
  }

  @Test
  void spansAreMonotonicContiguousAndCoverTheInputWhateverTheChunksSay() {
    String input = "One two three. Four five six. Seven eight nine.";
    List<SpanTimestamp> spans = align(input, "zzz", "completely different", "words");
    assertMonotonicAndCovering(input, spans);
    assertEquals(input.length(), spans.get(2).end(), "the last span reaches the end");
  }

  @Test
  void audioTimesAreTheRunningSumOfChunkLengths() {
    TimestampTrack track = new TimestampTrack("A. B. C.", 100);
    track.add("A.", 150, false);
    track.add("B.", 50, false);
    track.add("C.", 100, false);
    List<SpanTimestamp> spans = track.finish();
    assertEquals(0.0, spans.get(0).startS());
    assertEquals(1.5, spans.get(0).endS());
    assertEquals(1.5, spans.get(1).startS());
    assertEquals(3.0, spans.get(2).endS());
  }

  static void assertMonotonicAndCovering(String input, List<SpanTimestamp> spans) {
    int cursor = 0;
    double time = 0;
    for (SpanTimestamp s : spans) {
      assertTrue(s.start() >= cursor, "monotonic text: " + spans);
      assertTrue(input.substring(cursor, s.start()).isBlank(), "no gap: " + spans);
      assertTrue(s.end() >= s.start());
      assertEquals(time, s.startS(), 1e-9, "contiguous audio");
      assertTrue(s.endS() > s.startS());
      cursor = s.end();
      time = s.endS();
    }
    assertTrue(input.substring(cursor).isBlank(), "covers the text: " + spans);
  }
}
