package io.supertonic.ws;

import io.supertonic.engine.text.Abbreviations;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the complete sentences at the front of a growing text buffer, for {@code auto_flush}: an
 * LLM token stream can then be spoken sentence by sentence without client-side segmentation.
 *
 * <p>A Latin sentence ends at {@code . ! ?} (plus any closing quotes or brackets) only once
 * whitespace follows, because the next delta may still continue it ("3.14", "Dr. Smith" arriving as
 * "Dr." then " Smith" is the exception handled by the abbreviation list). CJK {@code 。！？} end a
 * sentence at once, since CJK text puts no space after them.
 */
final class SentenceSplitter {
  private static final String LATIN_TERMINATORS = ".!?";
  private static final String CJK_TERMINATORS = "。！？";
  private static final String CLOSERS = "\"')]}”’»」』）";

  /** Removes the complete sentences from the front of {@code buffer} and returns them, trimmed. */
  List<String> takeComplete(StringBuilder buffer) {
    List<String> sentences = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < buffer.length()) {
      char c = buffer.charAt(i);
      int end = -1;
      if (CJK_TERMINATORS.indexOf(c) >= 0) {
        end = skipClosers(buffer, skipRun(buffer, i, CJK_TERMINATORS));
      } else if (LATIN_TERMINATORS.indexOf(c) >= 0) {
        int afterRun = skipRun(buffer, i, LATIN_TERMINATORS);
        int afterClosers = skipClosers(buffer, afterRun);
        boolean spaceFollows =
            afterClosers < buffer.length() && Character.isWhitespace(buffer.charAt(afterClosers));
        boolean singleDot = c == '.' && afterRun == i + 1;
        if (spaceFollows && !(singleDot && isAbbreviation(buffer, start, i))) {
          end = afterClosers;
        } else {
          i = afterRun;
          continue;
        }
      }
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

  private static int skipRun(CharSequence s, int from, String chars) {
    int i = from;
    while (i < s.length() && chars.indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return i;
  }

  private static int skipClosers(CharSequence s, int from) {
    return skipRun(s, from, CLOSERS);
  }

  private static boolean isAbbreviation(CharSequence s, int sentenceStart, int dotIndex) {
    return Abbreviations.endsAbbreviation(s, sentenceStart, dotIndex);
  }
}
