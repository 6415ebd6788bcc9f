package io.supertonic.engine.text;

import java.util.Set;

/**
 * Where a period does not end a sentence: after the abbreviations upstream's {@code chunk_text}
 * knows (plus a few common ones in the model's other languages), and after a single Latin letter
 * (an initial, "J. Smith", the end of "U.S.", German "z. B."). Shared by chunking and by the
 * WebSocket {@code auto_flush}, so both split text the same way.
 */
public final class Abbreviations {
  private static final Set<String> WORDS =
      Set.of(
          "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "Ph.D.", "etc.", "e.g.", "i.e.",
          "vs.", "Inc.", "Ltd.", "Co.", "Corp.", "St.", "Ave.", "Blvd.", "Mt.", "No.", "Fig.",
          "approx.", "bzw.", "usw.", "ca.", "Nr.", "Str.", "Mme.", "Mlle.", "Sra.", "Srta.", "Dra.",
          "Ud.", "Uds.", "Hr.", "Fr.");
  private static final String OPENERS = "\"'([{«“‘「『【〈《‹";

  private Abbreviations() {}

  /**
   * Does the word that ends with the period at {@code dot} (and starts after {@code from})
   * abbreviate?
   */
  public static boolean endsAbbreviation(CharSequence text, int from, int dot) {
    int wordStart = dot;
    while (wordStart > from && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    while (wordStart < dot && OPENERS.indexOf(text.charAt(wordStart)) >= 0) {
      wordStart++;
    }
    if (WORDS.contains(text.subSequence(wordStart, dot + 1).toString())) {
      return true;
    }
    if (dot == wordStart) {
      return false;
    }
    char letter = text.charAt(dot - 1);
    boolean alone = dot - 1 == wordStart || !isWordChar(text.charAt(dot - 2));
    // A lone Latin letter is an initial ("J. Smith", "U.S.") or part of an abbreviation written
    // with spaces, as German does ("z. B.", "d. h."). Other scripts' one-letter words are words.
    return alone && letter < 0x250 && Character.isLetter(letter);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
