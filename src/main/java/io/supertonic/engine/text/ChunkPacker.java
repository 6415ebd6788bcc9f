package io.supertonic.engine.text;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Packs cleaned sentences into chunk bodies, lazily: it pulls a sentence from the splitter only
 * when it needs one to decide where the current chunk ends.
 *
 * <p>As upstream {@code chunk_text}: a paragraph always starts a new chunk and sentences are joined
 * with a space while the chunk stays within the limit. A sentence longer than the limit is cut at a
 * clause boundary ({@link ClauseCutter}). Like the Python server, the first chunk is kept short for
 * a low time to first audio: it is packed only up to {@code firstTarget} and a longer first
 * sentence is cut at a clause boundary, never leaving fewer than {@link
 * ClauseCutter#MIN_FIRST_WORDS} words.
 *
 * <p>Later chunks grow from there: sentences are joined only up to {@link #GROWTH} times the
 * previous chunk's length (at least {@code firstTarget}, at most the limit), so the next chunk's
 * synthesis fits in the time the audio already sent takes to play. Without it a short first
 * sentence was followed by a 300-character chunk that took longer to synthesize than the first
 * one took to play, and the listener heard a gap (docs/BENCHMARKS.md, chunk growth). A sentence is
 * never cut to fit the growth, only to fit the limit.
 */
final class ChunkPacker implements Iterator<String> {
  private record Segment(String text, boolean startsParagraph, boolean spaceBefore) {

    String joint() {
      return spaceBefore ? " " : "";
    }
  }

  private final Iterator<SentenceSplitter.Sentence> sentences;
  private final TextNormalizer normalizer;
  private final ExpressionTags tags;
  private final int limit;
  private final int firstTarget;
  private final Deque<Segment> pending = new ArrayDeque<>();
  private boolean paragraphCarry;
  private boolean firstDone;
  private int previousLength;

  /** How much longer than the previous chunk a later one may be packed. */
  static final int GROWTH = 2;

  /**
   * @param limit maximum length of a chunk body
   * @param firstTarget preferred maximum length of the first chunk body
   */
  ChunkPacker(
      Iterator<SentenceSplitter.Sentence> sentences,
      TextNormalizer normalizer,
      ExpressionTags tags,
      int limit,
      int firstTarget) {
    this.sentences = sentences;
    this.normalizer = normalizer;
    this.tags = tags;
    this.limit = limit;
    this.firstTarget = Math.min(firstTarget, limit);
  }

  @Override
  public boolean hasNext() {
    return peek() != null;
  }

  @Override
  public String next() {
    Segment head = peek();
    if (head == null) {
      throw new NoSuchElementException();
    }
    pending.removeFirst();
    boolean first = !firstDone;
    firstDone = true;
    String text = head.text;
    if (text.length() > limit || (first && text.length() > firstTarget)) {
      ClauseCutter.Cut cut =
          first
              ? ClauseCutter.firstChunkCut(text, firstTarget, limit, tags.spans(text))
              : ClauseCutter.hardCut(text, limit, tags.spans(text));
      if (cut != null && cut.headEnd() > 0 && cut.headEnd() < text.length()) {
        String tail = text.substring(cut.tailStart()).strip();
        if (!tail.isEmpty()) {
          pending.addFirst(new Segment(tail, false, true));
        }
        return remember(text.substring(0, cut.headEnd()).strip());
      }
    }
    int packLimit =
        first
            ? firstTarget
            : Math.min(limit, Math.max(firstTarget, GROWTH * previousLength));
    StringBuilder chunk = new StringBuilder(text);
    Segment next;
    while ((next = peek()) != null
        && !next.startsParagraph
        && chunk.length() + next.joint().length() + next.text.length() <= packLimit) {
      pending.removeFirst();
      chunk.append(next.joint()).append(next.text);
    }
    return remember(chunk.toString());
  }

  private String remember(String chunk) {
    previousLength = chunk.length();
    return chunk;
  }

  private Segment peek() {
    while (pending.isEmpty() && sentences.hasNext()) {
      SentenceSplitter.Sentence sentence = sentences.next();
      String cleaned = normalizer.clean(sentence.text());
      boolean startsParagraph = sentence.startsParagraph() || paragraphCarry;
      if (cleaned.isEmpty()) {
        paragraphCarry = startsParagraph;
        continue;
      }
      paragraphCarry = false;
      pending.addLast(new Segment(cleaned, startsParagraph, sentence.spaceBefore()));
    }
    return pending.peekFirst();
  }
}
