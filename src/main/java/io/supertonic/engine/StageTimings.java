package io.supertonic.engine;

/**
 * Wall-clock nanoseconds spent in each stage for one chunk.
 *
 * @param stepNanos one entry per vector-estimator step
 */
public record StageTimings(
    long durationPredictorNanos,
    long textEncoderNanos,
    long[] stepNanos,
    long vocoderNanos,
    long totalNanos) {}
