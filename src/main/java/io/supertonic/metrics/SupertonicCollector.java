package io.supertonic.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.List;
import java.util.function.Supplier;

/**
 * Exposes a fresh {@link MetricsSummary} on every scrape as the seed's {@code supertonic_*}
 * families. Counter names are given without {@code _total}: the Prometheus writer appends it, so
 * the exposed names are {@code supertonic_requests_total}, {@code supertonic_bytes_total} and
 * {@code supertonic_audio_seconds_total}. Uptime is a gauge (the Python server calls it a counter,
 * which would force a {@code _total} suffix here and break the seed's name).
 */
final class SupertonicCollector implements MultiCollector {
  static final String REQUESTS = "supertonic_requests";
  static final String ACTIVE = "supertonic_active_synth";
  static final String QUEUED = "supertonic_queued_synth";
  static final String BYTES = "supertonic_bytes";
  static final String AUDIO_SECONDS = "supertonic_audio_seconds";
  static final String UPTIME = "supertonic_uptime_seconds";
  static final String RPS_1M = "supertonic_rps_1m";
  static final String ERROR_RATE = "supertonic_error_rate";
  static final String TTFB = "supertonic_ttfb_ms";
  static final String RTF = "supertonic_rtf";

  private final Supplier<MetricsSummary> summaries;

  SupertonicCollector(Supplier<MetricsSummary> summaries) {
    this.summaries = summaries;
  }

  @Override
  public MetricSnapshots collect() {
    MetricsSummary s = summaries.get();
    return MetricSnapshots.of(
        CounterSnapshot.builder()
            .name(REQUESTS)
            .help("Number of synthesis requests since process start, by terminal status")
            .dataPoint(statusCount(MetricsAggregator.STATUS_OK, s.ok()))
            .dataPoint(statusCount(MetricsAggregator.STATUS_ERROR, s.error()))
            .dataPoint(statusCount(MetricsAggregator.STATUS_CANCELLED, s.cancelled()))
            .build(),
        gauge(ACTIVE, "Synthesis operations currently in flight", s.active()),
        gauge(QUEUED, "Synthesis requests waiting for a worker slot", s.queued()),
        counter(BYTES, "Total audio bytes served", s.bytes()),
        counter(AUDIO_SECONDS, "Total audio seconds produced", Rounding.round(s.audioS(), 3)),
        gauge(UPTIME, "Seconds since the metrics verticle started", Rounding.round(s.uptimeS(), 2)),
        gauge(RPS_1M, "Requests per second over the last 60 s", Rounding.round(s.rps1m(), 4)),
        gauge(
            ERROR_RATE,
            "Error rate over the recent buffer (0..1)",
            Rounding.round(s.errorRate(), 4)),
        summary(
            TTFB,
            "Time-to-first-byte (ms) over the recent window",
            s.ttfbMs(),
            s.cumulativeTtfbMs()),
        summary(RTF, "Real-time factor over the recent window", s.rtf(), s.cumulativeRtf()));
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        REQUESTS, ACTIVE, QUEUED, BYTES, AUDIO_SECONDS, UPTIME, RPS_1M, ERROR_RATE, TTFB, RTF);
  }

  private static CounterDataPointSnapshot statusCount(String status, long value) {
    return CounterDataPointSnapshot.builder()
        .labels(Labels.of("status", status))
        .value(value)
        .build();
  }

  private static MetricSnapshot counter(String name, String help, double value) {
    return CounterSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(CounterDataPointSnapshot.builder().value(value).build())
        .build();
  }

  private static MetricSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }

  /**
   * Quantiles slide with the ring buffer; _count and _sum are cumulative, as Prometheus expects.
   */
  private static MetricSnapshot summary(
      String name, String help, Percentiles window, MetricsSummary.Cumulative cumulative) {
    return SummarySnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(
            SummaryDataPointSnapshot.builder()
                .quantiles(
                    Quantiles.of(
                        new Quantile(0.5, window.p50()),
                        new Quantile(0.95, window.p95()),
                        new Quantile(0.99, window.p99())))
                .count(cumulative.count())
                .sum(cumulative.sum())
                .build())
        .build();
  }
}
