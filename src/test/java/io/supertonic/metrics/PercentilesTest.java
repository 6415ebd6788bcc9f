package io.supertonic.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Expected values are numpy's {@code np.percentile(a, p)} (default "linear" method). */
class PercentilesTest {

  @Test
  void interpolatesLinearlyBetweenOrderStatistics() {
    double[] oneToTen = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    // virtual index 0.95 * 9 = 8.55 -> 9 + 0.55 * (10 - 9)
    Percentiles p = Percentiles.of(oneToTen, 2);
    assertEquals(new Percentiles(5.5, 9.55, 9.91, 10), p);
  }

  @Test
  void interpolatesAcrossUnevenGaps() {
    // p95: index 2.85 -> 400 + 0.85 * 400 = 740; p99: index 2.97 -> 788; p50: index 1.5 -> 300
    Percentiles p = Percentiles.of(new double[] {800, 100, 400, 200}, 4);
    assertEquals(new Percentiles(300.0, 740.0, 788.0, 4), p);
  }

  @Test
  void matchesNumpyOnLatencySample() {
    double[] ttfb = {481.4, 455.0, 700.25, 520.0, 610.5, 390.0, 505.0, 530.0, 660.0, 470.0};
    assertEquals(new Percentiles(512.5, 682.14, 696.63, 10), Percentiles.of(ttfb, 2));
    assertEquals(new Percentiles(512.5, 682.1375, 696.6275, 10), Percentiles.of(ttfb, 4));
  }

  @Test
  void singleValueIsEveryPercentile() {
    assertEquals(new Percentiles(42.0, 42.0, 42.0, 1), Percentiles.of(new double[] {42.0}, 2));
  }

  @Test
  void emptySampleGivesZeros() {
    assertEquals(new Percentiles(0.0, 0.0, 0.0, 0), Percentiles.of(new double[0], 2));
  }

  @Test
  void doesNotReorderTheCallersArray() {
    double[] values = {3, 1, 2};
    Percentiles.of(values, 2);
    assertEquals(3, values[0]);
  }

  @Test
  void roundsLikePython() {
    // Python: round(2.675, 2) == 2.67 (binary value is below the half), round(0.125, 2) == 0.12.
    assertEquals(2.67, Rounding.round(2.675, 2));
    assertEquals(0.12, Rounding.round(0.125, 2));
    assertEquals(0.38, Rounding.round(0.375, 2));
  }

  @Test
  void rejectsPercentOutsideRange() {
    assertThrows(
        IllegalArgumentException.class, () -> Percentiles.percentile(new double[] {1}, 101));
  }
}
