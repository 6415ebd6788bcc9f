package io.supertonic.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.function.Supplier;

/**
 * The response cache's families: {@code supertonic_cache_hits_total}, {@code
 * supertonic_cache_misses_total} (the writer appends {@code _total}), {@code
 * supertonic_cache_bytes} and {@code supertonic_cache_entries}.
 */
final class CacheCollector implements MultiCollector {
  static final String HITS = "supertonic_cache_hits";
  static final String MISSES = "supertonic_cache_misses";
  static final String BYTES = "supertonic_cache_bytes";
  static final String ENTRIES = "supertonic_cache_entries";

  private final Supplier<CacheStats> stats;

  CacheCollector(Supplier<CacheStats> stats) {
    this.stats = stats;
  }

  @Override
  public MetricSnapshots collect() {
    CacheStats s = stats.get();
    return MetricSnapshots.of(
        CounterSnapshot.builder()
            .name(HITS)
            .help("Speech requests served from the response cache")
            .dataPoint(CounterDataPointSnapshot.builder().value(s.hits()).build())
            .build(),
        CounterSnapshot.builder()
            .name(MISSES)
            .help("Deterministic (seeded) speech requests the response cache did not hold")
            .dataPoint(CounterDataPointSnapshot.builder().value(s.misses()).build())
            .build(),
        GaugeSnapshot.builder()
            .name(BYTES)
            .help("Bytes the response cache holds now (bounded by --cache-mb)")
            .dataPoint(GaugeDataPointSnapshot.builder().value(s.bytes()).build())
            .build(),
        GaugeSnapshot.builder()
            .name(ENTRIES)
            .help("Responses the response cache holds now")
            .dataPoint(GaugeDataPointSnapshot.builder().value(s.entries()).build())
            .build());
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(HITS, MISSES, BYTES, ENTRIES);
  }
}
