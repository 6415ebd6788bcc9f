package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SentenceSplitter#takeComplete}: sentences out of a growing buffer (WebSocket auto_flush). */
class StreamingSentencesTest {
  private static List<String> take(StringBuilder buffer) {
    return SentenceSplitter.takeComplete(buffer);
  }

  @Test
  void sentenceEndsOnlyOnceWhitespaceFollows() {
    StringBuilder buffer = new StringBuilder("Hello world.");
    assertEquals(List.of(), take(buffer));
    assertEquals("Hello world.", buffer.toString());
    buffer.append(" Next");
    assertEquals(List.of("Hello world."), take(buffer));
    assertEquals(" Next", buffer.toString());
  }

  @Test
  void splitsSeveralSentencesAndKeepsTheUnfinishedRest() {
    StringBuilder buffer = new StringBuilder("One! Two? Three... Four");
    assertEquals(List.of("One!", "Two?", "Three..."), take(buffer));
    assertEquals(" Four", buffer.toString());
  }

  @Test
  void abbreviationsAndInitialsDoNotSplit() {
    StringBuilder buffer =
        new StringBuilder("Dr. Smith met Mrs. Jones and J. R. Tolkien, e.g. at St. Ives. Then");
    assertEquals(
        List.of("Dr. Smith met Mrs. Jones and J. R. Tolkien, e.g. at St. Ives."), take(buffer));
  }

  @Test
  void decimalNumbersDoNotSplit() {
    StringBuilder buffer = new StringBuilder("Pi is 3.14 roughly. ");
    assertEquals(List.of("Pi is 3.14 roughly."), take(buffer));
    assertEquals(" ", buffer.toString());
  }

  @Test
  void closingQuotesStayWithTheirSentence() {
    StringBuilder buffer = new StringBuilder("He said \"stop.\" She left. ");
    assertEquals(List.of("He said \"stop.\"", "She left."), take(buffer));
  }

  @Test
  void cjkTerminatorsEndASentenceWithoutSpace() {
    StringBuilder buffer = new StringBuilder("你好。今天很好！还有");
    assertEquals(List.of("你好。", "今天很好！"), take(buffer));
    assertEquals("还有", buffer.toString());
  }

  @Test
  void deltasSplitAcrossTokensAssembleSentences() {
    StringBuilder buffer = new StringBuilder();
    StringBuilder spoken = new StringBuilder();
    for (String delta : List.of("The ", "first", " one", ".", " The second", " one.", " ")) {
      buffer.append(delta);
      take(buffer).forEach(s -> spoken.append('[').append(s).append(']'));
    }
    assertEquals("[The first one.][The second one.]", spoken.toString());
  }
}
