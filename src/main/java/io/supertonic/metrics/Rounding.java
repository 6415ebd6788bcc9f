package io.supertonic.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Rounds the way Python's {@code round(x, n)} does, so reported figures match the Python server's.
 */
final class Rounding {
  private Rounding() {}

  static double round(double value, int digits) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return value;
    }
    // new BigDecimal(double) keeps the exact binary value: round(2.675, 2) is 2.67, as in Python.
    return new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
  }
}
