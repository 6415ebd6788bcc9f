package io.supertonic.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The in-memory state behind the metrics: a ring buffer of the most recent {@link RequestRecord}s,
 * cumulative totals that survive eviction, the in-flight count, and the finish times of the last
 * five minutes for the request rates. Synchronized because Prometheus scrapes may read it from a
 * thread other than the verticle's event loop; every method is short.
 */
final class MetricsAggregator {
  static final String STATUS_OK = "ok";
  static final String STATUS_ERROR = "error";
  static final String STATUS_CANCELLED = "cancelled";
  static final List<String> STATUSES = List.of(STATUS_OK, STATUS_ERROR, STATUS_CANCELLED);

  private static final long ONE_MINUTE_MS = 60_000L;
  private static final long FIVE_MINUTES_MS = 300_000L;
  // Bounds the rate window's memory if a load test pushes thousands of requests per second.
  private static final int MAX_FINISH_TIMES = 1_000_000;

  private final int capacity;
  private final long startedAtMs;
  private final ArrayDeque<RequestRecord> buffer;
  private final ArrayDeque<Long> finishTimesMs = new ArrayDeque<>();

  private int active;

  /** Queue depth per worker (each reports an absolute value); the gauge is their sum. */
  private final java.util.Map<String, Integer> queuedByWorker = new java.util.HashMap<>();

  private long ok;
  private long error;
  private long cancelled;
  private long bytes;
  private double audioS;
  private MetricsSummary.Cumulative ttfbTotals = MetricsSummary.Cumulative.ZERO;
  private MetricsSummary.Cumulative rtfTotals = MetricsSummary.Cumulative.ZERO;

  MetricsAggregator(int capacity, long startedAtMs) {
    this.capacity = MetricsVerticle.validateBufferSize(capacity);
    this.startedAtMs = startedAtMs;
    this.buffer = new ArrayDeque<>(capacity);
  }

  int capacity() {
    return capacity;
  }

  /**
   * Adds a finished request.
   *
   * @throws IllegalArgumentException when the status is not ok, error or cancelled
   */
  synchronized void record(RequestRecord record, long finishedAtMs) {
    String status = record.status();
    if (status == null || !STATUSES.contains(status)) {
      throw new IllegalArgumentException(
          "RequestRecord field 'status' must be one of " + STATUSES + ", got '" + status + "'");
    }
    if (buffer.size() == capacity) {
      buffer.removeFirst();
    }
    buffer.addLast(record);
    switch (status) {
      case STATUS_OK -> ok++;
      case STATUS_ERROR -> error++;
      default -> cancelled++;
    }
    bytes += Math.max(0, record.bytes());
    if (record.audioS() > 0) {
      audioS += record.audioS();
    }
    if (hasTtfb(record)) {
      ttfbTotals = ttfbTotals.add(record.ttfbMs());
    }
    if (hasRtf(record)) {
      rtfTotals = rtfTotals.add(record.rtf());
    }
    if (finishTimesMs.size() == MAX_FINISH_TIMES) {
      finishTimesMs.removeFirst();
    }
    finishTimesMs.addLast(finishedAtMs);
    pruneFinishTimes(finishedAtMs);
  }

  /** Applies a worker start (+1) or end (-1); never goes below zero, like the Python server. */
  synchronized void adjustActive(int delta) {
    active = Math.max(0, active + delta);
  }

  /** A worker's latest queue depth (an absolute value, not a delta). */
  synchronized void setQueued(String worker, int depth) {
    if (depth <= 0) {
      queuedByWorker.remove(worker);
    } else {
      queuedByWorker.put(worker, depth);
    }
  }

  /** Up to {@code limit} records, newest first. */
  synchronized List<RequestRecord> recent(int limit) {
    List<RequestRecord> out = new ArrayList<>(Math.min(limit, buffer.size()));
    Iterator<RequestRecord> newestFirst = buffer.descendingIterator();
    while (newestFirst.hasNext() && out.size() < limit) {
      out.add(newestFirst.next());
    }
    return out;
  }

  synchronized MetricsSummary summary(long nowMs) {
    pruneFinishTimes(nowMs);
    int lastMinute = 0;
    Iterator<Long> newestFirst = finishTimesMs.descendingIterator();
    while (newestFirst.hasNext() && nowMs - newestFirst.next() <= ONE_MINUTE_MS) {
      lastMinute++;
    }
    int lastFiveMinutes = finishTimesMs.size();

    double[] ttfbs =
        buffer.stream()
            .filter(MetricsAggregator::hasTtfb)
            .mapToDouble(RequestRecord::ttfbMs)
            .toArray();
    double[] rtfs =
        buffer.stream().filter(MetricsAggregator::hasRtf).mapToDouble(RequestRecord::rtf).toArray();
    long errorsInBuffer = buffer.stream().filter(r -> STATUS_ERROR.equals(r.status())).count();
    int used = buffer.size();

    return new MetricsSummary(
        Math.max(0, nowMs - startedAtMs) / 1000.0,
        active,
        queuedByWorker.values().stream().mapToInt(Integer::intValue).sum(),
        ok,
        error,
        cancelled,
        bytes,
        audioS,
        capacity,
        used,
        lastMinute / 60.0,
        lastFiveMinutes / 300.0,
        used == 0 ? 0.0 : (double) errorsInBuffer / used,
        Percentiles.of(ttfbs, 2),
        Percentiles.of(rtfs, 4),
        ttfbTotals,
        rtfTotals);
  }

  private void pruneFinishTimes(long nowMs) {
    while (!finishTimesMs.isEmpty() && nowMs - finishTimesMs.peekFirst() > FIVE_MINUTES_MS) {
      finishTimesMs.removeFirst();
    }
  }

  // A successful request without audio (ttfb -1) would drag the latency percentiles down.
  private static boolean hasTtfb(RequestRecord r) {
    return STATUS_OK.equals(r.status()) && r.ttfbMs() >= 0;
  }

  private static boolean hasRtf(RequestRecord r) {
    return STATUS_OK.equals(r.status()) && r.rtf() > 0;
  }
}
