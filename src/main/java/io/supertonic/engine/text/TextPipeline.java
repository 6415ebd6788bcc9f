package io.supertonic.engine.text;

import io.supertonic.engine.ModelVariant;
import java.util.Iterator;
import java.util.List;

/** Text to model input: validation, chunking, upstream preprocessing and indexing. */
public final class TextPipeline {

  /** @param indexer the 65,536-entry code-unit to token table from unicode_indexer.json (-1 = unknown) */
  public TextPipeline(ModelVariant variant, int[] indexer) {
    throw new UnsupportedOperationException("TODO text");
  }

  /** Languages this model accepts, e.g. 31 codes plus {@code na} for supertonic-3. */
  public List<String> languages() {
    throw new UnsupportedOperationException("TODO text");
  }

  /**
   * Validates text and language (throwing {@link io.supertonic.engine.InvalidRequestException} with
   * param {@code input} or {@code lang}) and returns the chunks lazily: the first is ready before the
   * rest of a long text is processed.
   */
  public Iterator<TextChunk> chunks(String text, String lang) {
    throw new UnsupportedOperationException("TODO text");
  }
}
