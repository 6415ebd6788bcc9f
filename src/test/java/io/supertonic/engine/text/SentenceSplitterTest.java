package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    new SentenceSplitter(text).forEachRemaining(s -> out.add(s.text()));
    return out;
  }

  @Test
  void splitsOnSentenceMarksFollowedBySpace() {
    assertEquals(List.of("One.", "Two!", "Three?", "Four"), sentences("One. Two!  Three?\nFour"));
    assertEquals(List.of("Version 1.5 is out."), sentences("Version 1.5 is out."));
  }

  @Test
  void doesNotSplitAfterAbbreviationsOrInitials() {
    String text =
        "Dr. Smith met Mr. and Mrs. Jones, e.g. at St. Mary's vs. Acme Inc. on Blvd. X. "
            + "J. R. R. Tolkien lived in the U.S. for a while. Next.";
    assertEquals(
        List.of(
            "Dr. Smith met Mr. and Mrs. Jones, e.g. at St. Mary's vs. Acme Inc. on Blvd. X. "
                + "J. R. R. Tolkien lived in the U.S. for a while.",
            "Next."),
        sentences(text));
    assertEquals(
        List.of("She has a Ph.D. in physics, i.e. she studied.", "Done."),
        sentences("She has a Ph.D. in physics, i.e. she studied. Done."));
  }

  @Test
  void closingQuotesStayWithTheirSentence() {
    assertEquals(
        List.of("He said \"Go.\"", "(Really!)", "Yes."),
        sentences("He said \"Go.\" (Really!) Yes."));
  }

  @Test
  void cjkAndOtherScriptsEndSentencesWithTheirOwnMarks() {
    assertEquals(List.of("今日は晴れ。", "散歩しよう！", "いい？"), sentences("今日は晴れ。散歩しよう！いい？"));
    assertEquals(List.of("नमस्ते।", "आप कैसे हैं?"), sentences("नमस्ते। आप कैसे हैं?"));
    assertEquals(List.of("كيف حالك؟", "بخير."), sentences("كيف حالك؟ بخير."));
  }

  @Test
  void marksParagraphStartsAtBlankLines() {
    List<SentenceSplitter.Sentence> out = new ArrayList<>();
    new SentenceSplitter("A one. A two\n\n \nB one. B two\nstill B.\r\n\r\nC")
        .forEachRemaining(out::add);
    assertEquals(
        List.of("A one.", "A two", "B one.", "B two\nstill B.", "C"),
        out.stream().map(SentenceSplitter.Sentence::text).toList());
    assertEquals(
        List.of(true, false, true, false, true),
        out.stream().map(SentenceSplitter.Sentence::startsParagraph).toList());
  }
}
