package io.supertonic.timestamps;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Maps the chunks the model spoke, in order, back to spans of the input the user sent. The model
 * reads normalized text (NFKD, punctuation rewritten, a {@code <lang>} wrapper, lexicon
 * replacements), so chunks are matched on a skeleton both sides share: letters and digits,
 * lower-cased, after NFKD. A chunk found in the input ends exactly after its last letter or digit
 * (and the punctuation that follows it); one the pipeline rewrote beyond recognition (a lexicon
 * entry) ends where its last few letters are found, or else as many letters on as it has. Spans are
 * contiguous, monotonic, and the last one ends at the end of the input, so together they always
 * cover the text.
 */
public final class SpanAligner {
  private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9_-]*>");

  /** How many trailing letters identify a chunk's end when the whole chunk is not found. */
  private static final int TAIL = 12;

  private final String input;
  private final String skeleton;

  /** For skeleton character i: the input offset just past the code point it came from. */
  private final int[] endOffsets;

  private int skeletonCursor;
  private int textCursor;

  public SpanAligner(String input) {
    this.input = input;
    StringBuilder skel = new StringBuilder();
    int[] ends = new int[input.length() * 4 + 4];
    int n = 0;
    for (int i = 0; i < input.length(); ) {
      int cp = input.codePointAt(i);
      int next = i + Character.charCount(cp);
      for (char c : skeletonOf(new String(Character.toChars(cp))).toCharArray()) {
        if (n == ends.length) {
          ends = java.util.Arrays.copyOf(ends, ends.length * 2);
        }
        skel.append(c);
        ends[n++] = next;
      }
      i = next;
    }
    this.skeleton = skel.toString();
    this.endOffsets = java.util.Arrays.copyOf(ends, n);
  }

  /** Letters and digits of the text, lower-cased, after NFKD; markup tags dropped. */
  static String skeletonOf(String text) {
    String decomposed =
        Normalizer.normalize(TAG.matcher(text).replaceAll(" "), Normalizer.Form.NFKD);
    StringBuilder out = new StringBuilder(decomposed.length());
    decomposed
        .codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /**
   * The span of the next chunk.
   *
   * @param chunkText the chunk's text as the model read it
   * @param last true when this is known to be the final chunk: its span runs to the end of the
   *     input (a chunk after which no letter or digit is left does so anyway)
   * @return {start, end} offsets into the input
   */
  public int[] next(String chunkText, boolean last) {
    int start = textCursor;
    while (start < input.length() && Character.isWhitespace(input.charAt(start))) {
      start++;
    }
    int end;
    int endSkeleton =
        last ? skeleton.length() : endInSkeleton(skeletonOf(chunkText == null ? "" : chunkText));
    if (endSkeleton >= skeleton.length()) {
      // Nothing speakable is left after this chunk: it runs to the end of the input.
      end = input.length();
      while (end > start && Character.isWhitespace(input.charAt(end - 1))) {
        end--;
      }
      skeletonCursor = skeleton.length();
    } else {
      end = endSkeleton > 0 ? Math.max(start, endOffsets[endSkeleton - 1]) : start;
      // Trailing punctuation and closing quotes belong to the chunk they end.
      while (end < input.length()
          && !Character.isWhitespace(input.charAt(end))
          && !Character.isLetterOrDigit(input.charAt(end))) {
        end++;
      }
      skeletonCursor = Math.max(skeletonCursor, endSkeleton);
    }
    textCursor = Math.max(textCursor, end);
    return new int[] {start, Math.max(start, end)};
  }

  private int endInSkeleton(String chunk) {
    if (chunk.isEmpty()) {
      return skeletonCursor;
    }
    int whole = skeleton.indexOf(chunk, skeletonCursor);
    // Only a match that begins where the previous chunk ended (give or take a skipped symbol-only
    // chunk) is this chunk; a later one is a repetition.
    if (whole >= 0 && whole - skeletonCursor <= TAIL) {
      return whole + chunk.length();
    }
    String tail = chunk.substring(Math.max(0, chunk.length() - TAIL));
    int found = skeleton.indexOf(tail, skeletonCursor);
    if (found >= 0 && found + tail.length() - skeletonCursor <= 2 * chunk.length() + TAIL) {
      return found + tail.length();
    }
    return Math.min(skeleton.length(), skeletonCursor + chunk.length());
  }
}
