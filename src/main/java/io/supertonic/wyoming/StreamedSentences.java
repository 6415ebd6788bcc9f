package io.supertonic.wyoming;

import io.supertonic.engine.text.SentenceSplitter;
import io.supertonic.engine.text.ssml.SsmlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the text deltas of a {@code synthesize-chunk} stream and hands out each sentence once it
 * is complete. The last sentence of the buffer is never complete yet: the next delta may continue
 * it ("3." then "14", "Dr." then " Smith"), so it waits for more text or for the end of the stream.
 */
final class StreamedSentences {
  private static final String SENTINEL = "x";

  private final StringBuilder buffer = new StringBuilder();
  private int received;

  /** Total characters received in this stream. */
  int received() {
    return received;
  }

  /** Adds a delta and returns the sentences it completed, in order. */
  List<String> add(String delta) {
    buffer.append(delta);
    received += delta.length();
    if (SsmlParser.isSsml(buffer)) {
      return List.of(); // an SSML document is one utterance: spoken whole at the end of the stream
    }
    // A letter after the buffer lets the splitter judge the last terminator as it would with more
    // text: "Hello. " + x ends a sentence, "3." + x and "Dr. " + x do not. The sentence holding the
    // sentinel is the unfinished rest.
    String probe = buffer + SENTINEL;
    List<String> sentences = new ArrayList<>();
    SentenceSplitter splitter = new SentenceSplitter(probe);
    String last = null;
    while (splitter.hasNext()) {
      String sentence = splitter.next().text();
      if (last != null) {
        sentences.add(last);
      }
      last = sentence;
    }
    if (!sentences.isEmpty()) {
      int restStart = probe.lastIndexOf(last);
      buffer.delete(0, Math.max(restStart, 0));
    }
    return sentences;
  }

  /** The rest of the text at the end of the stream (empty when there is none). */
  String drain() {
    String rest = buffer.toString().strip();
    buffer.setLength(0);
    return rest;
  }
}
