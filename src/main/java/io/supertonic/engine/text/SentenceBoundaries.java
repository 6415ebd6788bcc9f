package io.supertonic.engine.text;

/**
 * Where sentences end, in every script the models speak: one set of rules for the engine's chunker
 * and the WebSocket's {@code auto_flush}.
 *
 * <ul>
 *   <li>Latin, Cyrillic, Hangul, Vietnamese: {@code . ! ? …} (and runs such as {@code ?!} or {@code
 *       ...}), followed by whitespace, unless the word before a single {@code .} is an abbreviation
 *       or an initial ({@link Abbreviations}).
 *   <li>Arabic: {@code ؟} and the full stop {@code ۔}; Devanagari: the danda {@code ।} and double
 *       danda {@code ॥}; Greek: the question mark {@code ;} (U+037E, and ASCII {@code ;} right
 *       after a Greek letter, as Greek keyboards type it).
 *   <li>CJK: {@code 。！？｡} end a sentence at once, since no space follows them.
 * </ul>
 *
 * Closing quotes and brackets right after the mark stay with the sentence.
 */
public final class SentenceBoundaries {
  /** Closing quotes and brackets that belong to the sentence they follow. */
  static final String CLOSERS = "\"')]}»”’」』】〉》›）";

  private static final String SPACED_TERMINATORS = ".!?…‼⁇⁈⁉؟۔।॥;";
  private static final String IMMEDIATE_TERMINATORS = "。！？｡";

  private SentenceBoundaries() {}

  /**
   * If a sentence that starts at {@code sentenceStart} ends with the mark at {@code i}, where it
   * ends (exclusive, closers included); otherwise -1.
   *
   * @param complete whether {@code text} is all there is: then its end counts as the whitespace a
   *     boundary needs; a growing buffer (a token stream) waits for the next character instead
   */
  public static int endAt(CharSequence text, int sentenceStart, int i, boolean complete) {
    char c = text.charAt(i);
    boolean immediate = IMMEDIATE_TERMINATORS.indexOf(c) >= 0;
    if (!immediate && !isSpacedTerminator(text, i)) {
      return -1;
    }
    int n = text.length();
    int afterRun = i + 1;
    while (afterRun < n
        && (IMMEDIATE_TERMINATORS.indexOf(text.charAt(afterRun)) >= 0
            || isSpacedTerminator(text, afterRun))) {
      afterRun++;
    }
    int after = afterRun;
    while (after < n && CLOSERS.indexOf(text.charAt(after)) >= 0) {
      after++;
    }
    if (immediate) {
      return after;
    }
    boolean spaced = after < n ? Character.isWhitespace(text.charAt(after)) : complete;
    if (!spaced) {
      return -1;
    }
    if (c == '.' && afterRun == i + 1 && Abbreviations.endsAbbreviation(text, sentenceStart, i)) {
      return -1;
    }
    return after;
  }

  private static boolean isSpacedTerminator(CharSequence text, int i) {
    char c = text.charAt(i);
    if (c == ';') {
      // ASCII ';' is a question mark only in Greek; elsewhere it joins clauses.
      return i > 0 && Character.UnicodeBlock.of(text.charAt(i - 1)) == Character.UnicodeBlock.GREEK;
    }
    return c == '\u037E' || SPACED_TERMINATORS.indexOf(c) >= 0;
  }
}
