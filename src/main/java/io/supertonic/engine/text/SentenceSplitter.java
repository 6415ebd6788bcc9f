package io.supertonic.engine.text;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Lazily cuts raw text into sentences, scanning only as far as the next boundary.
 *
 * <p>Boundaries: a blank line ends a paragraph; sentences end where {@link SentenceBoundaries} says
 * (the terminal punctuation of every script the models speak, abbreviations excepted), the same
 * rules {@link #takeComplete} applies to a growing WebSocket buffer. A run-on "sentence" is ended
 * after {@value #MAX_SENTENCE_CHARS} characters (at a space when there is one) so that memory and
 * the look-ahead for the first chunk stay bounded whatever the input.
 */
public final class SentenceSplitter implements Iterator<SentenceSplitter.Sentence> {

  /**
   * A raw sentence; {@code startsParagraph} is true for the first sentence of each paragraph and
   * {@code spaceBefore} tells whether whitespace separated it from the previous one (CJK sentences
   * often follow each other without a space, and joining them must not add one).
   */
  public record Sentence(String text, boolean startsParagraph, boolean spaceBefore) {}

  /** Longer sentences are ended early; the chunker cuts them further anyway. */
  static final int MAX_SENTENCE_CHARS = 1_000;

  private final CharSequence text;
  private int cursor;
  private boolean first = true;

  /** Reads {@code text} only as far as the sentences requested so far (plus one character). */
  public SentenceSplitter(CharSequence text) {
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
    return new Sentence(text.subSequence(start, end).toString().strip(), paragraph, spaceBefore);
  }

  /** End (exclusive) of the sentence starting at {@code start}. */
  private int findEnd(int start) {
    int n = text.length();
    for (int i = start; i < n; i++) {
      if (i - start >= MAX_SENTENCE_CHARS) {
        return runOnEnd(start, i);
      }
      char c = text.charAt(i);
      if (c == '\n' && isParagraphBreak(i)) {
        return i;
      }
      int end = SentenceBoundaries.endAt(text, start, i, true);
      if (end >= 0) {
        return end;
      }
    }
    return n;
  }

  /**
   * Removes the complete sentences from the front of a growing buffer (a token stream, for the
   * WebSocket's {@code auto_flush}) and returns them trimmed. A sentence is complete once the
   * character after its mark has arrived ("3." may still become "3.14").
   */
  public static java.util.List<String> takeComplete(StringBuilder buffer) {
    java.util.List<String> sentences = new java.util.ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < buffer.length()) {
      int end = SentenceBoundaries.endAt(buffer, start, i, false);
      if (end < 0) {
        i++;
        continue;
      }
      String sentence = buffer.substring(start, end).trim();
      if (!sentence.isEmpty()) {
        sentences.add(sentence);
      }
      start = end;
      i = end;
    }
    buffer.delete(0, start);
    return sentences;
  }

  /** Where to end a run-on sentence reaching {@code limit}: the last space, else a safe cut. */
  private int runOnEnd(int start, int limit) {
    for (int j = limit; j > start + MAX_SENTENCE_CHARS / 2; j--) {
      if (Character.isWhitespace(text.charAt(j))) {
        return j;
      }
    }
    int end = limit;
    // Never cut inside "<tag>": back up to an unclosed '<' just before the cut.
    for (int j = end - 1; j > end - 32 && j > start; j--) {
      char c = text.charAt(j);
      if (c == '>') {
        break;
      }
      if (c == '<') {
        end = j;
        break;
      }
    }
    while (end > start + 1 && isContinuation(text.charAt(end))) {
      end--;
    }
    return end;
  }

  private static boolean isContinuation(char c) {
    int type = Character.getType(c);
    return Character.isLowSurrogate(c)
        || type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
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
