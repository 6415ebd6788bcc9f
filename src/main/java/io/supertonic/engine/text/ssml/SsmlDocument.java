package io.supertonic.engine.text.ssml;

import java.util.List;

/**
 * A parsed SSML input.
 *
 * @param segments speech and pauses in order; adjacent pauses are already merged
 * @param ignored names of elements (and {@code say-as} kinds, as {@code say-as:ordinal}) that were
 *     not understood and whose text was spoken as is, in first-seen order
 */
public record SsmlDocument(List<SsmlSegment> segments, List<String> ignored) {
  public SsmlDocument {
    segments = List.copyOf(segments);
    ignored = List.copyOf(ignored);
  }
}
