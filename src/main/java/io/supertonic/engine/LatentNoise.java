package io.supertonic.engine;

import java.util.Random;

/**
 * Gaussian noise for the initial latent, reproducible from (seed, chunk index) alone so a job's
 * audio does not depend on which thread ran it or on what ran before. {@link Random#nextGaussian()}
 * has a specified algorithm, so the same seed gives the same floats on every JVM.
 */
final class LatentNoise {
  private LatentNoise() {}

  static float[] sample(long seed, int chunkIndex, int count) {
    Random random = new Random(mix(seed, chunkIndex));
    float[] noise = new float[count];
    for (int i = 0; i < count; i++) {
      noise[i] = (float) random.nextGaussian();
    }
    return noise;
  }

  /** SplitMix64 finaliser over seed and index, so neighbouring chunks get unrelated streams. */
  static long mix(long seed, int chunkIndex) {
    long z = seed + 0x9E3779B97F4A7C15L * (chunkIndex + 1L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
