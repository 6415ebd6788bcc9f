package io.supertonic.timestamps;

import java.util.ArrayList;
import java.util.List;

/**
 * The timestamps of one synthesis, chunk by chunk as its audio arrives: the chunk's span (see
 * {@link SpanAligner}) and its place in the audio, which is the sum of the chunks before it, so the
 * last chunk ends exactly at the audio's duration. A chunk's audio starts with the silence that
 * separates it from the one before.
 */
public final class TimestampTrack {
  private final String input;
  private final SpanAligner aligner;
  private final int sampleRate;
  private final List<SpanTimestamp> spans = new ArrayList<>();
  private long samples;

  /**
   * @param sampleRate the rate of the PCM whose lengths {@link #add} is given
   */
  public TimestampTrack(String input, int sampleRate) {
    this.input = input;
    this.aligner = new SpanAligner(input);
    this.sampleRate = sampleRate;
  }

  /**
   * Adds the next chunk.
   *
   * @param last true when no chunk follows (its span runs to the end of the input)
   */
  public SpanTimestamp add(String chunkText, long chunkSamples, boolean last) {
    int[] span = aligner.next(chunkText, last);
    double startS = samples / (double) sampleRate;
    samples += chunkSamples;
    SpanTimestamp timestamp =
        new SpanTimestamp(
            spans.size(),
            span[0],
            span[1],
            startS,
            samples / (double) sampleRate,
            input.substring(span[0], span[1]));
    spans.add(timestamp);
    return timestamp;
  }

  /**
   * The spans once the audio ended: the last one runs to the end of the input even when the
   * pipeline rewrote its words beyond recognition.
   */
  public List<SpanTimestamp> finish() {
    if (!spans.isEmpty()) {
      SpanTimestamp last = spans.get(spans.size() - 1);
      int end = input.stripTrailing().length();
      if (last.end() < end) {
        spans.set(
            spans.size() - 1,
            new SpanTimestamp(
                last.seq(),
                last.start(),
                end,
                last.startS(),
                last.endS(),
                input.substring(last.start(), end)));
      }
    }
    return spans();
  }

  public List<SpanTimestamp> spans() {
    return List.copyOf(spans);
  }
}
