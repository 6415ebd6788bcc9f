package io.supertonic.engine;

/**
 * Audio for one text chunk: 16-bit mono PCM at the model's sample rate. Chunks after the first
 * start with the inter-chunk silence already included, so concatenating {@link #pcm()} in order
 * gives the whole utterance.
 *
 * @param index 0-based chunk number
 * @param predictedSeconds the duration predictor's output divided by speed, for this chunk's speech
 * @param timings per-stage wall-clock times, for benchmarks and logs
 */
public record AudioChunk(
    int index, String text, short[] pcm, double predictedSeconds, StageTimings timings) {

  public double seconds(int sampleRate) {
    return pcm.length / (double) sampleRate;
  }
}
