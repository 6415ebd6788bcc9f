package io.supertonic.audio;

/**
 * The low-pass interpolation kernel of a rational resampler, tabulated per phase.
 *
 * <p>Resampling by {@code up/down} places output sample {@code n} at input time {@code n * down /
 * up}; its fractional part takes only {@code up} values, so the Kaiser-windowed sinc is evaluated
 * once per phase. The cut-off sits just below the lower of the two Nyquist frequencies, which is
 * what keeps a 10 kHz tone from folding back into a 16 kHz output.
 */
final class PolyphaseSincFilter {

  /**
   * Sinc zero crossings on each side. With the Kaiser shape below this makes the transition band
   * about 8% of the lower rate wide, so it ends just under the Nyquist frequency (1.3 kHz wide, 6.6
   * to 7.9 kHz, when going to 16 kHz).
   */
  private static final int ZERO_CROSSINGS = 32;

  /** Cut-off as a fraction of the lower Nyquist frequency; the rest is the transition band. */
  private static final double ROLLOFF = 0.9;

  /** Kaiser shape: about 90 dB of stop-band attenuation. */
  private static final double KAISER_BETA = 9.0;

  private static final double KAISER_NORM = besselI0(KAISER_BETA);

  /** Above this many coefficients the taps are computed per output sample instead of stored. */
  private static final long MAX_TABLE_SIZE = 1 << 21;

  private final int up;
  private final int halfTaps;
  private final double cutoff;
  private final double halfWidth;
  private final float[][] table;

  /**
   * @param up interpolation factor (output rate / gcd)
   * @param down decimation factor (input rate / gcd)
   */
  PolyphaseSincFilter(int up, int down) {
    this.up = up;
    // Cut-off as a fraction of the input Nyquist frequency: sinc(cutoff * t) passes below it.
    this.cutoff = ROLLOFF * Math.min(1.0, (double) up / down);
    this.halfWidth = ZERO_CROSSINGS / cutoff;
    this.halfTaps = (int) Math.ceil(halfWidth) + 1;
    if ((long) up * tapCount() <= MAX_TABLE_SIZE) {
      table = new float[up][];
      for (int phase = 0; phase < up; phase++) {
        table[phase] = computeTaps(phase);
      }
    } else {
      table = null;
    }
  }

  /** Input samples before and including the output's integer position that the taps reach. */
  int halfTaps() {
    return halfTaps;
  }

  /** Coefficients held in memory: the whole table, or 0 when taps are computed per sample. */
  long storedCoefficients() {
    return table == null ? 0 : (long) up * tapCount();
  }

  int tapCount() {
    return 2 * halfTaps;
  }

  /**
   * Taps for an output at input time {@code i + phase / up}: tap {@code j} weights input sample
   * {@code i - halfTaps + 1 + j}. The taps sum to one so a constant signal keeps its level.
   */
  float[] taps(int phase) {
    return table != null ? table[phase] : computeTaps(phase);
  }

  private float[] computeTaps(int phase) {
    double frac = (double) phase / up;
    double[] taps = new double[tapCount()];
    double sum = 0;
    for (int j = 0; j < taps.length; j++) {
      double distance = frac + halfTaps - 1 - j; // output time minus input time
      taps[j] = kernel(distance);
      sum += taps[j];
    }
    float[] normalised = new float[taps.length];
    for (int j = 0; j < taps.length; j++) {
      normalised[j] = (float) (taps[j] / sum);
    }
    return normalised;
  }

  private double kernel(double distance) {
    double x = distance / halfWidth;
    if (Math.abs(x) >= 1.0) {
      return 0.0;
    }
    double arg = Math.PI * cutoff * distance;
    double sinc = arg == 0 ? 1.0 : Math.sin(arg) / arg;
    return sinc * besselI0(KAISER_BETA * Math.sqrt(1 - x * x)) / KAISER_NORM;
  }

  /** Modified Bessel function of the first kind, order zero, by its power series. */
  private static double besselI0(double x) {
    double sum = 1.0;
    double term = 1.0;
    double halfX = x / 2;
    for (int k = 1; k < 64; k++) {
      term *= (halfX / k) * (halfX / k);
      sum += term;
      if (term < sum * 1e-17) {
        break;
      }
    }
    return sum;
  }
}
