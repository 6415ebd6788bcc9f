package io.supertonic.audio;

import java.util.Arrays;

/**
 * Converts a stream of 16-bit mono PCM chunks from one rate to another (e.g. 44100 to 16000 or
 * 24000) without clicks at chunk boundaries. Not thread-safe; one instance per stream.
 *
 * <p>Each output sample is computed from the same input samples whatever the chunking, so the
 * concatenated output of {@link #process} and {@link #flush} is identical to resampling the whole
 * signal at once, and has {@code round(inputLength * toRate / fromRate)} samples. The filter is
 * centred on each output instant (no added delay); the price is that the last few milliseconds of
 * each chunk are held back until the next chunk or the flush supplies the samples they need.
 */
public final class StreamingResampler {

  private static final short[] EMPTY = new short[0];

  private final int fromRate;
  private final int toRate;
  private final int up;
  private final int down;
  private final PolyphaseSincFilter filter;

  /** Input samples still needed; {@code history[0]} is input sample number {@code historyStart}. */
  private float[] history = new float[0];

  private int historyLength;
  private long historyStart;
  private long inputCount;
  private long outputCount;
  private boolean flushed;

  /**
   * @throws IllegalArgumentException if either rate is not positive
   */
  public StreamingResampler(int fromRate, int toRate) {
    this(fromRate, toRate, PolyphaseSincFilter::new);
  }

  /** With the filter from {@code filters} (up, down), so streams can share one (see {@link Resamplers}). */
  StreamingResampler(int fromRate, int toRate, FilterSource filters) {
    if (fromRate <= 0 || toRate <= 0) {
      throw new IllegalArgumentException(
          "sample rates must be positive, got " + fromRate + " -> " + toRate);
    }
    this.fromRate = fromRate;
    this.toRate = toRate;
    int gcd = gcd(fromRate, toRate);
    this.up = toRate / gcd;
    this.down = fromRate / gcd;
    this.filter = fromRate == toRate ? null : filters.filter(up, down);
  }

  /** Where a resampler gets its (immutable) filter table for a pair of factors. */
  interface FilterSource {
    PolyphaseSincFilter filter(int up, int down);
  }

  public int fromRate() {
    return fromRate;
  }

  public int toRate() {
    return toRate;
  }

  /** Whether this resampler passes samples through unchanged. */
  public boolean isIdentity() {
    return filter == null;
  }

  /** Resamples one chunk; may return fewer samples than the ratio suggests (see the class doc). */
  public short[] process(short[] pcm) {
    if (flushed) {
      throw new IllegalStateException("resampler already flushed");
    }
    inputCount += pcm.length;
    if (filter == null) {
      outputCount += pcm.length;
      return pcm.clone();
    }
    append(pcm);
    // An output is ready once every input its taps reach has arrived.
    return produce(lastOutputReadyWith(inputCount));
  }

  /** Returns the samples still held back for filtering; call once after the last chunk. */
  public short[] flush() {
    if (flushed) {
      return EMPTY;
    }
    flushed = true;
    if (filter == null) {
      return EMPTY;
    }
    // round(inputCount * up / down), in integers; samples past the end count as silence.
    long total = (2 * inputCount * up + down) / (2L * down);
    return produce(total);
  }

  /** Number of outputs whose taps lie entirely within the first {@code available} inputs. */
  private long lastOutputReadyWith(long available) {
    // Output n needs input floor(n * down / up) + halfTaps < available.
    long maxPosition = available - filter.halfTaps() - 1;
    if (maxPosition < 0) {
      return 0;
    }
    return ((maxPosition + 1) * up - 1) / down + 1;
  }

  private short[] produce(long untilOutput) {
    if (untilOutput <= outputCount) {
      return EMPTY;
    }
    short[] out = new short[Math.toIntExact(untilOutput - outputCount)];
    int halfTaps = filter.halfTaps();
    for (int k = 0; k < out.length; k++) {
      long n = outputCount + k;
      long position = n * down;
      long integer = position / up;
      int phase = (int) (position % up);
      float[] taps = filter.taps(phase);
      long first = integer - halfTaps + 1;
      long offset = first - historyStart;
      double acc = 0;
      if (offset >= 0 && offset + taps.length <= historyLength) {
        // Every tap within the history (all but the edges): no per-tap bounds logic.
        int o = (int) offset;
        for (int j = 0; j < taps.length; j++) {
          acc += taps[j] * history[o + j];
        }
      } else {
        for (int j = 0; j < taps.length; j++) {
          acc += taps[j] * sample(first + j);
        }
      }
      out[k] = Pcm16.clamp(acc);
    }
    outputCount = untilOutput;
    discardUnneeded();
    return out;
  }

  /** Input sample {@code index}; zero before the start and beyond what has arrived. */
  private float sample(long index) {
    long offset = index - historyStart;
    if (offset < 0 || offset >= historyLength) {
      return 0f;
    }
    return history[(int) offset];
  }

  private void append(short[] pcm) {
    int needed = historyLength + pcm.length;
    if (needed > history.length) {
      history = Arrays.copyOf(history, Math.max(needed, history.length * 2));
    }
    for (int i = 0; i < pcm.length; i++) {
      history[historyLength + i] = pcm[i];
    }
    historyLength = needed;
  }

  /** Drops inputs that no future output can reach, keeping the history a few taps long. */
  private void discardUnneeded() {
    long nextInteger = outputCount * down / up;
    long keepFrom = Math.max(historyStart, nextInteger - filter.halfTaps() + 1);
    int drop = (int) Math.min(historyLength, keepFrom - historyStart);
    if (drop > 0) {
      System.arraycopy(history, drop, history, 0, historyLength - drop);
      historyLength -= drop;
      historyStart += drop;
    }
  }

  private static int gcd(int a, int b) {
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }
}
