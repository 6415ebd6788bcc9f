package io.supertonic.engine.text;

import java.util.List;

/**
 * Chooses where to cut a sentence that is too long for one chunk, or a first chunk that should be
 * short. Cuts fall after a clause mark ({@code , ; :} followed by a space, the CJK {@code 、}), or
 * around a spaced dash; failing that at a space; failing that (text without spaces) at the limit. A
 * cut never falls inside an expression tag, a surrogate pair or before a combining mark.
 */
final class ClauseCutter {
  /** A first chunk shorter than this many words would sound clipped and gains little latency. */
  static final int MIN_FIRST_WORDS = 3;

  /** Scripts written without spaces count roughly this many characters per word. */
  private static final int CHARS_PER_WORD_UNSPACED = 4;

  /** Where to cut: {@code text[0, headEnd)} is the head, {@code text[tailStart, )} the rest. */
  record Cut(int headEnd, int tailStart) {}

  private ClauseCutter() {}

  /**
   * The cut for a first chunk: the last clause boundary within {@code target} that leaves at least
   * {@link #MIN_FIRST_WORDS} words, else the first such boundary within {@code limit}; null when
   * the sentence fits in {@code limit} and has no usable boundary. A sentence over {@code limit}
   * without one is cut at the last space within {@code target}.
   */
  static Cut firstChunkCut(String text, int target, int limit, List<int[]> tags) {
    Cut best = null;
    Cut firstAfterTarget = null;
    for (Cut cut : clauseCuts(text)) {
      String head = text.substring(0, cut.headEnd);
      if (words(head) < MIN_FIRST_WORDS || cut.headEnd > limit) {
        continue;
      }
      if (cut.headEnd <= target) {
        best = cut;
      } else if (firstAfterTarget == null) {
        firstAfterTarget = cut;
      }
    }
    if (best != null) {
      return best;
    }
    if (firstAfterTarget != null) {
      return firstAfterTarget;
    }
    // It must be cut without a clause mark anyway, so cut early, where the first chunk should end.
    return text.length() > limit ? spaceOrForcedCut(text, target, tags) : null;
  }

  /**
   * The cut for a sentence longer than {@code limit}: the latest clause boundary, space or limit.
   */
  static Cut hardCut(String text, int limit, List<int[]> tags) {
    Cut best = null;
    for (Cut cut : clauseCuts(text)) {
      if (cut.headEnd <= limit && cut.headEnd > 0) {
        best = cut;
      }
    }
    return best != null ? best : spaceOrForcedCut(text, limit, tags);
  }

  /** The last space within {@code limit}, else {@code limit} itself moved off tags and marks. */
  private static Cut spaceOrForcedCut(String text, int limit, List<int[]> tags) {
    for (int i = Math.min(limit, text.length() - 1); i > 0; i--) {
      if (text.charAt(i) == ' ' && !insideTag(i, tags)) {
        return new Cut(i, i + 1);
      }
    }
    int at = Math.min(limit, text.length());
    for (int[] tag : tags) {
      if (tag[0] < at && at < tag[1]) {
        at = tag[0] > 0 ? tag[0] : tag[1];
      }
    }
    while (at > 1 && at < text.length() && isContinuation(text, at)) {
      at--;
    }
    return new Cut(at, at);
  }

  private static List<Cut> clauseCuts(String text) {
    java.util.ArrayList<Cut> cuts = new java.util.ArrayList<>();
    int n = text.length();
    for (int i = 0; i < n - 1; i++) {
      char c = text.charAt(i);
      char next = text.charAt(i + 1);
      if ((c == ',' || c == ';' || c == ':') && next == ' ') {
        cuts.add(new Cut(i + 1, i + 2));
      } else if (c == '、' || c == '，') {
        cuts.add(new Cut(i + 1, next == ' ' ? i + 2 : i + 1));
      } else if (c == ' ' && next == '-' && i + 2 < n && text.charAt(i + 2) == ' ') {
        // A spaced dash is a pause; the chunk boundary replaces it.
        cuts.add(new Cut(i, i + 3));
      }
    }
    return cuts;
  }

  static int words(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return 0;
    }
    if (trimmed.indexOf(' ') < 0) {
      return Math.max(1, trimmed.length() / CHARS_PER_WORD_UNSPACED);
    }
    return trimmed.split(" +").length;
  }

  private static boolean insideTag(int i, List<int[]> tags) {
    for (int[] tag : tags) {
      if (tag[0] <= i && i < tag[1]) {
        return true;
      }
    }
    return false;
  }

  private static boolean isContinuation(String text, int at) {
    char c = text.charAt(at);
    if (Character.isLowSurrogate(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
