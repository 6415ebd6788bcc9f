package io.supertonic.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeTextTest {
  @Test
  void escapesLineBreaksSoALogLineCannotBeForged() {
    String shown = SafeText.of("F1\r\n12:00:00 INFO fake line");
    assertFalse(shown.contains("\n") || shown.contains("\r"), shown);
    assertTrue(shown.startsWith("F1\\r\\n12:00"), shown);
  }

  @Test
  void escapesOtherControlBidiAndLoneSurrogates() {
    assertEquals("a\\u0000b\\u001bc", SafeText.of("a\u0000b\u001bc"));
    assertEquals("\\u202eevil", SafeText.of("\u202eevil"));
    assertEquals("x\\ud800y", SafeText.of("x\ud800y"));
    assertEquals("back\\\\slash", SafeText.of("back\\slash"));
  }

  @Test
  void keepsOrdinaryUnicodeIncludingPairs() {
    assertEquals("안녕 😀 café", SafeText.of("안녕 😀 café"));
  }

  @Test
  void cutsLongValuesAndSaysHowLongTheyWere() {
    String shown = SafeText.of("v".repeat(100_000));
    assertEquals("v".repeat(SafeText.DEFAULT_MAX_CHARS) + "...(100000 chars)", shown);
  }

  @Test
  void neverSplitsASurrogatePairAtTheCut() {
    String value = "a".repeat(SafeText.DEFAULT_MAX_CHARS - 1) + "😀tail";
    String shown = SafeText.of(value);
    assertTrue(shown.startsWith("a".repeat(SafeText.DEFAULT_MAX_CHARS - 1) + "..."), shown);
    assertFalse(shown.contains("\\ud83d"), shown);
  }

  @Test
  void showsNullAndNonStrings() {
    assertEquals("null", SafeText.of((String) null));
    assertEquals("12.5", SafeText.of((Object) 12.5));
  }
}
