package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconTest {

  private static Lexicon lexicon(LexiconEntry... entries) {
    return new Lexicon(List.of(entries));
  }

  private static LexiconEntry word(String word, String say) {
    return new LexiconEntry(word, null, say, false);
  }

  @Test
  void wordsMatchOnlyWholeWords() {
    Lexicon l = lexicon(word("AI", "A.I."));
    assertEquals(
        "A.I. said: AIDS, SAID, AI_x, xAI, A.I.!", l.apply("AI said: AIDS, SAID, AI_x, xAI, AI!"));
    assertEquals("(A.I.) \"A.I.\" A.I.-powered", l.apply("(AI) \"AI\" AI-powered"));
  }

  @Test
  void wordsIgnoreCaseUnlessCaseSensitive() {
    assertEquals(
        "Super tonic, Super tonic",
        lexicon(word("supertonic", "Super tonic")).apply("Supertonic, SUPERTONIC"));
    Lexicon sensitive = lexicon(new LexiconEntry("US", null, "United States", true));
    assertEquals("us and the United States", sensitive.apply("us and the US"));
  }

  @Test
  void nonLatinWordsHaveBoundariesToo() {
    Lexicon l = lexicon(word("Straße", "Strasse"));
    assertEquals("Strasse, Straßenbahn", l.apply("Straße, Straßenbahn"));
  }

  @Test
  void regexEntriesMayReferToGroups() {
    Lexicon l = lexicon(new LexiconEntry(null, "(\\d+)\\s?km/h", "$1 kilometres per hour", false));
    assertEquals(
        "at 50 kilometres per hour and 120 kilometres per hour", l.apply("at 50km/h and 120 km/h"));
  }

  @Test
  void aRespellingContainingItsTriggerIsAppliedOnce() {
    // Single pass: an entry's output is never searched again by the same entry, so nothing loops.
    assertEquals("AI, that is A I", lexicon(word("AI", "AI, that is A I")).apply("AI"));
    assertEquals("baanaanaa", lexicon(new LexiconEntry(null, "a+", "aa", false)).apply("banana"));
  }

  @Test
  void laterEntriesSeeWhatEarlierOnesWrote() {
    Lexicon l = lexicon(word("HA", "Home Assistant"), word("Assistant", "Helper"));
    assertEquals("Home Helper", l.apply("HA"));
  }

  @Test
  void badEntriesAreRefusedWithTheReason() {
    IllegalArgumentException empty =
        assertThrows(
            IllegalArgumentException.class,
            () -> lexicon(new LexiconEntry(null, "x*", "y", false)));
    assertTrue(empty.getMessage().contains("empty string"), empty.getMessage());
    IllegalArgumentException syntax =
        assertThrows(
            IllegalArgumentException.class,
            () -> lexicon(word("ok", "fine"), new LexiconEntry(null, "(", "y", false)));
    assertTrue(syntax.getMessage().startsWith("entries[1]: invalid regex"), syntax.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> lexicon(new LexiconEntry("a", "b", "c", false)));
    assertThrows(
        IllegalArgumentException.class, () -> lexicon(new LexiconEntry(null, "(a)", "$2", false)));
    assertThrows(
        IllegalArgumentException.class,
        () -> Lexicon.fromJson(new JsonObject("{\"entries\":[{\"word\":\"a\",\"say\":3}]}")));
  }

  @Test
  void jsonRoundTrip() {
    Lexicon l =
        Lexicon.fromJson(
            new JsonObject(
                "{\"entries\":[{\"word\":\"nginx\",\"say\":\"engine x\"},"
                    + "{\"regex\":\"\\\\bv(\\\\d)\\\\b\",\"say\":\"version $1\",\"case_sensitive\":true}]}"));
    assertEquals("engine x version 2", l.apply("nginx v2"));
    assertEquals(l.toJson(), Lexicon.fromJson(l.toJson()).toJson());
  }
}
