package io.supertonic.worker;

/**
 * Estimates how long a chunk takes to synthesize on this worker, learnt from the chunks it made:
 * the compute grows with the audio's length (text tokens over speed) times the passes over it
 * (denoising steps plus the vocoder's, counted as one). An exponentially weighted average of the
 * nanoseconds per such unit follows the machine's current speed (a busy CPU, another model). Until
 * the first chunk is measured every estimate is 0, which lets a newcomer start at once. Event loop
 * only.
 */
final class ChunkCostModel {
  /** Weight of the newest chunk: a few chunks are enough to follow a change of load. */
  static final double ALPHA = 0.3;

  /** Tokens assumed for a chunk whose length is unknown, until chunks were seen. */
  static final double DEFAULT_TOKENS = 80;

  private double nanosPerUnit;
  private double meanTokens = DEFAULT_TOKENS;
  private boolean measured;

  /** A chunk of {@code tokens} text tokens at {@code speed} with {@code steps} took this long. */
  void observe(int tokens, double speed, int steps, long nanos) {
    if (tokens <= 0 || nanos <= 0) {
      return;
    }
    double perUnit = nanos / units(tokens, speed, steps + 1);
    nanosPerUnit = measured ? nanosPerUnit + ALPHA * (perUnit - nanosPerUnit) : perUnit;
    meanTokens += ALPHA * (tokens - meanTokens);
    measured = true;
  }

  /**
   * The compute a chunk still needs: {@code tokens} long (or -1: unknown), {@code stepsLeft}
   * denoising steps to go before its vocoder.
   */
  long remainingNanos(int tokens, double speed, int stepsLeft) {
    double t = tokens > 0 ? tokens : meanTokens;
    return (long) (nanosPerUnit * units(t, speed, Math.max(0, stepsLeft) + 1));
  }

  private static double units(double tokens, double speed, int passes) {
    return tokens / Math.max(0.1, speed) * passes;
  }
}
