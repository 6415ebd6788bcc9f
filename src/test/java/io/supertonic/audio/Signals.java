package io.supertonic.audio;

/** Test signals and simple measurements on them. */
public final class Signals {

  private Signals() {}

  static short[] sine(double frequency, int sampleRate, int length, double amplitude) {
    short[] out = new short[length];
    for (int i = 0; i < length; i++) {
      out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
    }
    return out;
  }

  /** Frequency estimated from sign changes between {@code from} and {@code to}. */
  static double zeroCrossingFrequency(short[] pcm, int from, int to, int sampleRate) {
    int crossings = 0;
    int firstCrossing = -1;
    int lastCrossing = -1;
    for (int i = from + 1; i < to; i++) {
      if ((pcm[i - 1] < 0) != (pcm[i] < 0)) {
        crossings++;
        if (firstCrossing < 0) {
          firstCrossing = i;
        }
        lastCrossing = i;
      }
    }
    if (crossings < 2) {
      return 0;
    }
    // Two crossings per period, measured between the first and last crossing.
    return (crossings - 1) / 2.0 * sampleRate / (lastCrossing - firstCrossing);
  }

  static double rms(short[] pcm, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  /** The parts one after the other (also for other packages' tests). */
  public static short[] concat(short[]... parts) {
    int length = 0;
    for (short[] p : parts) {
      length += p.length;
    }
    short[] out = new short[length];
    int at = 0;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
