package io.supertonic.engine;

import ai.onnxruntime.OrtException;
import io.supertonic.engine.text.TextChunk;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** A lazy job: pulls the next text chunk and synthesizes it only when asked. */
final class EngineSynthesisJob implements SynthesisJob {
  private final ChunkSynthesizer synthesizer;
  private final RunGuard guard;
  private final Iterator<TextChunk> chunks;
  private final StyleSource style;
  private final SynthesisParams params;
  private final int sampleRate;
  private final int silenceSamples;
  private int produced;
  private TextChunk peeked;

  EngineSynthesisJob(
      ChunkSynthesizer synthesizer,
      RunGuard guard,
      Iterator<TextChunk> chunks,
      StyleSource style,
      SynthesisParams params,
      int sampleRate,
      int silenceSamples) {
    this.synthesizer = synthesizer;
    this.guard = guard;
    this.chunks = chunks;
    this.style = style;
    this.params = params;
    this.sampleRate = sampleRate;
    this.silenceSamples = silenceSamples;
  }

  @Override
  public boolean hasNext() {
    return peeked != null || chunks.hasNext();
  }

  @Override
  public int nextChunkLength() {
    if (peeked == null && chunks.hasNext()) {
      peeked = chunks.next();
    }
    return peeked == null ? -1 : peeked.ids().length;
  }

  private TextChunk takeChunk() {
    if (peeked != null) {
      TextChunk chunk = peeked;
      peeked = null;
      return chunk;
    }
    if (!chunks.hasNext()) {
      throw new NoSuchElementException("synthesis job has no more chunks");
    }
    return chunks.next();
  }

  @Override
  public AudioChunk next() {
    TextChunk chunk = takeChunk();
    int silence = produced == 0 ? 0 : silenceSamples;
    try {
      AudioChunk audio =
          guard.run(
              () ->
                  style.with(
                      tensors ->
                          synthesizer.synthesize(
                              chunk,
                              tensors,
                              params.speed(),
                              params.totalSteps(),
                              params.seed(),
                              silence)));
      produced++;
      return audio;
    } catch (OrtException e) {
      throw new IllegalStateException(
          "Inference failed on chunk " + chunk.index() + ": " + e.getMessage(), e);
    }
  }

  /** The next chunk as an item of a batch; it counts as produced, as {@link #next()} would. */
  BatchSynthesizer.Item takeBatchItem() {
    TextChunk chunk = takeChunk();
    int silence = produced == 0 ? 0 : silenceSamples;
    produced++;
    return new BatchSynthesizer.Item(
        chunk, style, params.speed(), params.totalSteps(), params.seed(), silence);
  }

  boolean belongsTo(ChunkSynthesizer engineSynthesizer) {
    return synthesizer == engineSynthesizer;
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }
}
