package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.ModelVariant;
import java.text.Normalizer;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  private final TextNormalizer normalizer =
      new TextNormalizer(
          new UnicodeIndexer(TestIndexer.supertonic3()),
          ExpressionTags.forVariant(ModelVariant.SUPERTONIC_3));

  private String both(String text) {
    return normalizer.finish(normalizer.clean(text), "en");
  }

  @Test
  void removesEmojiAndFlags() {
    assertEquals("<en>Good morning!</en>", both("Good 😀 morning🚀🇰🇷!"));
    assertEquals("<en>Sunny today.</en>", both("Sunny ☀ today"));
  }

  @Test
  void mapsCurlyQuotesAndDashes() {
    // The quote after a space is glued to the previous word, as upstream does.
    assertEquals("<en>\"Hi\" - it's me -'you'</en>", both("“Hi” – it’s me — ‘you’"));
  }

  @Test
  void replacesSeparatorsWithSpacesAndDropsSymbols() {
    assertEquals("<en>a b c d e f g.</en>", both("a_b|c/d#e→f←g"));
    assertEquals("<en>I love it.</en>", both("I ♥ love ☆ it ©\\"));
  }

  @Test
  void expandsAtAndLatinAbbreviations() {
    assertEquals("<en>mail me at home.</en>", both("mail me@home"));
    assertEquals(
        "<en>fruit, for example, apples, that is, food.</en>",
        both("fruit, e.g., apples, i.e., food"));
  }

  @Test
  void removesSpaceBeforePunctuationAndCollapsesQuotesAndWhitespace() {
    assertEquals(
        "<en>Wait, what? Yes! Ok; fine: done.</en>",
        both("Wait , what ? Yes ! Ok ; fine : done ."));
    assertEquals("<en>He said \"yes\" twice.</en>", both("He  said \"\"yes\"\"\t\ntwice"));
    assertEquals("<en>say'hi'</en>", both("say 'hi'"));
  }

  @Test
  void addsFinalPeriodOnlyWhenTextDoesNotEndInPunctuationQuoteOrBracket() {
    assertEquals("<en>Hello.</en>", both("Hello"));
    for (String ending :
        new String[] {
          "Hello?",
          "Hello!",
          "Hello.",
          "(Hello)",
          "\"Hello\"",
          "Hello;",
          "Hello:",
          "Hello,",
          "Hello'",
          "{Hello}",
          "「こんにちは」",
          "こんにちは。",
          "«Bonjour»"
        }) {
      String finished = both(ending);
      assertFalse(
          finished.endsWith(".</en>") && !ending.endsWith("."), () -> ending + " -> " + finished);
    }
    assertEquals("<en>Wait...</en>", both("Wait…"));
  }

  @Test
  void decomposesToNfkdForTheVocabulary() {
    String finished = both("Café ﬁne");
    assertEquals("<en>Cafe\u0301 fine.</en>", finished);
    assertEquals(Normalizer.normalize(finished, Normalizer.Form.NFKD), finished);
  }

  @Test
  void unknownCharactersAreReplacedOrDropped() {
    // no-break and ideographic space -> space; macron below (unknown mark) dropped;
    // single guillemets (unknown quotes) -> "; currency sign and summation dropped.
    assertEquals(
        "<en>a b c \"q\" x y.</en>", both("a\u00a0b\u3000c \u2039q\u203a x\u00a4 \u2211y\u0331"));
    UnicodeIndexer indexer = new UnicodeIndexer(TestIndexer.supertonic3());
    assertTrue(indexer.knowsAll(both("Zero\u200dwidth joiner ❤\ufe0f and ™ sign")));
  }

  @Test
  void wrapsOnlyWhenALanguageIsGiven() {
    assertEquals("Plain.", normalizer.finish(normalizer.clean("Plain"), null));
    assertEquals("<na>Plain.</na>", normalizer.finish(normalizer.clean("Plain"), "na"));
  }

  @Test
  void speakableNeedsALetterDigitOrTag() {
    assertFalse(normalizer.isSpeakable(normalizer.clean("... !!! ♥ 😀")));
    assertTrue(normalizer.isSpeakable(normalizer.clean("42")));
    assertTrue(normalizer.isSpeakable(normalizer.clean("[laugh]")));
    assertEquals("", normalizer.clean("😀🎉 ♥"));
  }
}
