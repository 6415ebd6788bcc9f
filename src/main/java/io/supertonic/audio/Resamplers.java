package io.supertonic.audio;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes {@link StreamingResampler}s that share one filter table per pair of rates. The table
 * (thousands of Kaiser-windowed sinc taps) took milliseconds to compute, tens on a cold JVM, and
 * every resampled response (pcm at 24 kHz, opus at 48 kHz) paid it before its first byte. The table
 * is immutable once built, so any number of streams may read it at once. Thread-safe.
 *
 * <p>Clients choose {@code sample_rate} (any rate from 8 to 48 kHz for pcm, wav and flac), so what
 * is kept is bounded: at most {@value #MAX_SHARED_PAIRS} pairs, each with a table of at most
 * {@value #MAX_SHARED_COEFFICIENTS} coefficients (the common rates need 11–32 thousand); any other
 * pair gets a filter of its own, as before.
 */
public final class Resamplers {
  static final int MAX_SHARED_PAIRS = 16;
  static final long MAX_SHARED_COEFFICIENTS = 64 * 1024;

  private final ConcurrentMap<Long, PolyphaseSincFilter> filters = new ConcurrentHashMap<>();

  /** A resampler for one stream; the filter for a common pair of rates is built once. */
  public StreamingResampler create(int fromRate, int toRate) {
    return new StreamingResampler(fromRate, toRate, this::filter);
  }

  /** Pairs whose filter is kept. */
  int sharedPairs() {
    return filters.size();
  }

  private PolyphaseSincFilter filter(int up, int down) {
    long key = ((long) up << 32) | down;
    PolyphaseSincFilter shared = filters.get(key);
    if (shared != null) {
      return shared;
    }
    PolyphaseSincFilter made = new PolyphaseSincFilter(up, down);
    if (made.storedCoefficients() > 0
        && made.storedCoefficients() <= MAX_SHARED_COEFFICIENTS
        && filters.size() < MAX_SHARED_PAIRS) {
      PolyphaseSincFilter raced = filters.putIfAbsent(key, made);
      return raced != null ? raced : made;
    }
    return made;
  }
}
