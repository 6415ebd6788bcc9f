package io.supertonic.engine;

/**
 * A job's chunk synthesized a slice at a time, so a scheduler can stop between denoising steps and
 * run another stream's work first: made by {@link SupertonicEngine#beginChunks} (duration and text
 * encoding), advanced by {@link SupertonicEngine#denoiseStep} and turned into audio by {@link
 * SupertonicEngine#finishChunks}. It holds the chunk's latent and conditioning (a few hundred KB at
 * most); {@link #close()} abandons the chunk or ends a finished one and frees its native inputs
 * (finishing closes it too). Not thread-safe: one thread at a time drives it.
 */
public final class ChunkInProgress implements AutoCloseable {
  final BatchSynthesizer.Denoising state;
  // Its steps' inputs when it runs alone (built on its first solo step, reused after).
  BatchSynthesizer.Solo solo;
  final long encodeNanos;
  final long[] stepNanos;
  long vocoderNanos;

  ChunkInProgress(BatchSynthesizer.Denoising state, long encodeNanos) {
    this.state = state;
    this.encodeNanos = encodeNanos;
    this.stepNanos = new long[state.item.totalSteps()];
  }

  /** Denoising steps done so far. */
  public int step() {
    return state.step;
  }

  public int totalSteps() {
    return state.item.totalSteps();
  }

  /** Every denoising step is done: only the vocoder is left. */
  public boolean denoised() {
    return state.done();
  }

  /** Frees the native inputs of its solo steps; idempotent. */
  @Override
  public void close() {
    if (solo != null) {
      solo.close();
      solo = null;
    }
  }

  StageTimings timings() {
    long steps = 0;
    for (long n : stepNanos) {
      steps += n;
    }
    // Encoding is shared by the batch it began in; report it as the text encoder's.
    return new StageTimings(
        0, encodeNanos, stepNanos.clone(), vocoderNanos, encodeNanos + steps + vocoderNanos);
  }
}
