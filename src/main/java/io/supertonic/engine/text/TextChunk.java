package io.supertonic.engine.text;

/**
 * One piece of text ready for the model.
 *
 * @param text the preprocessed text as sent to the model (with language tags where the model wants
 *     them)
 * @param ids the indexer's token id for each UTF-16 unit of {@code text}
 */
public record TextChunk(int index, String text, long[] ids) {}
