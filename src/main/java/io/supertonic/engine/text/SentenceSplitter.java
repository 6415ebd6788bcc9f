package io.supertonic.engine.text;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Lazily cuts raw text into sentences, scanning only as far as the next boundary.
 *
 * <p>Boundaries, as upstream {@code chunk_text}: a blank line ends a paragraph; {@code . ! ?}
 * followed by whitespace ends a sentence unless the word is a common abbreviation (Mr. Dr. e.g. ...)
 * or a single capital letter (J. Smith, U.S.). Additions: closing quotes/brackets right after the
 * mark stay with the sentence; the Arabic {@code ؟} and Devanagari {@code ।} end sentences like
 * {@code ?}; the CJK full stops {@code 。！？} end a sentence even without a following space.
 */
public final class SentenceSplitter implements Iterator<SentenceSplitter.Sentence> {

  /**
   * A raw sentence; {@code startsParagraph} is true for the first sentence of each paragraph and
   * {@code spaceBefore} tells whether whitespace separated it from the previous one (CJK sentences
   * often follow each other without a space, and joining them must not add one).
   */
  public record Sentence(String text, boolean startsParagraph, boolean spaceBefore) {}

  private static final Set<String> ABBREVIATIONS =
      Set.of("Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "Ph.D.", "etc.", "e.g.", "i.e.",
          "vs.", "Inc.", "Ltd.", "Co.", "Corp.", "St.", "Ave.", "Blvd.");
  private static final String CLOSERS = "\"')]}»”’」』】〉》›";
  private static final String OPENERS = "\"'([{«“‘「『【〈《‹";

  private final String text;
  private int cursor;
  private boolean first = true;

  public SentenceSplitter(String text) {
    this.text = text;
  }

  @Override
  public boolean hasNext() {
    return skipWhitespace(cursor) < text.length();
  }

  @Override
  public Sentence next() {
    int start = skipWhitespace(cursor);
    if (start >= text.length()) {
      throw new NoSuchElementException();
    }
    boolean paragraph = first || hasBlankLine(cursor, start);
    boolean spaceBefore = start > cursor;
    first = false;
    int end = findEnd(start);
    cursor = end;
    return new Sentence(text.substring(start, end).strip(), paragraph, spaceBefore);
  }

  /** End (exclusive) of the sentence starting at {@code start}. */
  private int findEnd(int start) {
    int n = text.length();
    for (int i = start; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n' && isParagraphBreak(i)) {
        return i;
      }
      boolean cjkStop = c == '。' || c == '！' || c == '？';
      if (cjkStop || c == '.' || c == '!' || c == '?' || c == '؟' || c == '।') {
        int after = i + 1;
        while (after < n && CLOSERS.indexOf(text.charAt(after)) >= 0) {
          after++;
        }
        boolean spaced = after == n || Character.isWhitespace(text.charAt(after));
        if ((cjkStop || spaced) && !(c == '.' && isAbbreviation(start, i))) {
          return after;
        }
      }
    }
    return n;
  }

  /** True when the whitespace run around the newline at {@code i} holds a second newline. */
  private boolean isParagraphBreak(int i) {
    for (int j = i + 1; j < text.length() && Character.isWhitespace(text.charAt(j)); j++) {
      if (text.charAt(j) == '\n') {
        return true;
      }
    }
    return false;
  }

  private boolean hasBlankLine(int from, int to) {
    int newlines = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n' && ++newlines == 2) {
        return true;
      }
    }
    return false;
  }

  /** Is the word ending with the period at {@code dot} an abbreviation? */
  private boolean isAbbreviation(int sentenceStart, int dot) {
    int wordStart = dot;
    while (wordStart > sentenceStart && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    while (wordStart < dot && OPENERS.indexOf(text.charAt(wordStart)) >= 0) {
      wordStart++;
    }
    String word = text.substring(wordStart, dot + 1);
    if (ABBREVIATIONS.contains(word)) {
      return true;
    }
    // A single capital letter: an initial ("J. Smith") or part of "U.S."
    char letter = text.charAt(dot - 1 >= 0 ? dot - 1 : dot);
    boolean capital = dot > wordStart && letter >= 'A' && letter <= 'Z';
    boolean alone = dot - 1 == wordStart || !isWordChar(text.charAt(dot - 2));
    return capital && alone;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private int skipWhitespace(int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
