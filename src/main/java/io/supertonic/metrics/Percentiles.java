package io.supertonic.metrics;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * p50/p95/p99 of a sample, computed like numpy's default {@code np.percentile} (method "linear"):
 * the value at virtual index {@code q * (n - 1)} of the sorted sample, interpolated linearly
 * between its two neighbours. The Python server reports these numbers, so the same method keeps
 * dashboards comparable.
 *
 * @param count sample size; all percentiles are 0 when it is 0
 */
public record Percentiles(double p50, double p95, double p99, int count) {

  public static final Percentiles EMPTY = new Percentiles(0.0, 0.0, 0.0, 0);

  /**
   * Percentiles of {@code values} (not modified), each rounded half-even to {@code digits}
   * decimals.
   */
  public static Percentiles of(double[] values, int digits) {
    if (values.length == 0) {
      return EMPTY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(
        Rounding.round(percentile(sorted, 50), digits),
        Rounding.round(percentile(sorted, 95), digits),
        Rounding.round(percentile(sorted, 99), digits),
        sorted.length);
  }

  /**
   * Linear-interpolation percentile of an ascending, non-empty array; {@code percent} in 0..100.
   */
  static double percentile(double[] sorted, double percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent must be within 0..100, got " + percent);
    }
    double virtualIndex = (percent / 100.0) * (sorted.length - 1);
    int below = (int) Math.floor(virtualIndex);
    int above = Math.min(below + 1, sorted.length - 1);
    double t = virtualIndex - below;
    double a = sorted[below];
    double b = sorted[above];
    double diff = b - a;
    // numpy interpolates from the nearer end, which keeps the result exact at t == 1 and monotonic.
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  public JsonObject toJson() {
    return new JsonObject().put("p50", p50).put("p95", p95).put("p99", p99).put("count", count);
  }
}
