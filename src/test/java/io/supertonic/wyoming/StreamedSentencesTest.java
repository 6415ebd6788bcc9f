package io.supertonic.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamedSentencesTest {
  private final StreamedSentences sentences = new StreamedSentences();

  @Test
  void aSentenceIsCompleteOnceTheNextTextShowsItEnded() {
    assertEquals(List.of(), sentences.add("Hello there."));
    assertEquals(List.of("Hello there."), sentences.add(" How"));
    assertEquals(List.of(), sentences.add(" are you"));
    assertEquals(List.of("How are you?"), sentences.add("? Fine"));
    assertEquals("Fine", sentences.drain());
  }

  @Test
  void numbersAndAbbreviationsSplitAcrossDeltasAreNotCut() {
    assertEquals(List.of(), sentences.add("Pi is 3."));
    assertEquals(List.of(), sentences.add("14 says Dr."));
    assertEquals(List.of(), sentences.add(" Smith"));
    assertEquals(List.of("Pi is 3.14 says Dr. Smith."), sentences.add(". Next"));
  }

  @Test
  void cjkFullStopsEndASentenceWithoutASpace() {
    assertEquals(List.of("你好。"), sentences.add("你好。今天"));
    assertEquals("今天", sentences.drain());
  }

  @Test
  void anSsmlDocumentIsHeldWholeUntilTheEnd() {
    assertEquals(List.of(), sentences.add("<speak>One. Two."));
    assertEquals(List.of(), sentences.add(" Three.</speak>"));
    assertEquals("<speak>One. Two. Three.</speak>", sentences.drain());
  }
}
