package io.supertonic.audio;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes {@link StreamingResampler}s that share one filter table per pair of rates. The table
 * (thousands of Kaiser-windowed sinc taps) took milliseconds to compute, tens on a cold JVM, and
 * every resampled response (pcm at 24 kHz, opus at 48 kHz) paid it before its first byte. The table
 * is immutable once built, so any number of streams may read it at once. Thread-safe.
 */
public final class Resamplers {
  private final ConcurrentMap<Long, PolyphaseSincFilter> filters = new ConcurrentHashMap<>();

  /** A resampler for one stream; the filter for this pair of rates is built once. */
  public StreamingResampler create(int fromRate, int toRate) {
    return new StreamingResampler(fromRate, toRate, this::filter);
  }

  private PolyphaseSincFilter filter(int up, int down) {
    return filters.computeIfAbsent(
        ((long) up << 32) | down, k -> new PolyphaseSincFilter(up, down));
  }
}
