package io.supertonic.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import io.vertx.micrometer.backends.BackendRegistries;
import java.util.Optional;

/**
 * How the server turns on Vert.x's own metrics (JVM, HTTP server, event bus) in a Prometheus
 * registry that {@code GET /metrics} also exposes:
 *
 * <pre>{@code
 * Vertx vertx = Vertx.vertx(new VertxOptions().setMetricsOptions(MetricsSetup.metricsOptions()));
 * vertx.deployVerticle(new MetricsVerticle(bufferSize));   // finds the registry by its name
 * }</pre>
 */
public final class MetricsSetup {
  private MetricsSetup() {}

  /** The Micrometer backend registry name used when none is given. */
  public static final String REGISTRY_NAME = "supertonic";

  public static MicrometerMetricsOptions metricsOptions() {
    return metricsOptions(REGISTRY_NAME);
  }

  /**
   * Micrometer metrics with a Prometheus backend and JVM metrics, stored under {@code registryName}
   * (several Vertx instances in one JVM, as in tests, need distinct names). No embedded scrape
   * server: {@link MetricsRoutes} serves {@code /metrics} on the main HTTP port.
   */
  public static MicrometerMetricsOptions metricsOptions(String registryName) {
    if (registryName == null || registryName.isBlank()) {
      throw new IllegalArgumentException("Metrics registry name must not be blank");
    }
    return new MicrometerMetricsOptions()
        .setEnabled(true)
        .setJvmMetricsEnabled(true)
        .setRegistryName(registryName)
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
  }

  /**
   * The Prometheus registry that a Vertx created with {@link #metricsOptions(String)} filled, or
   * empty when no such Vertx is running (metrics disabled, or a non-Prometheus backend).
   */
  public static Optional<PrometheusMeterRegistry> registry(String registryName) {
    MeterRegistry registry = BackendRegistries.getNow(registryName);
    return registry instanceof PrometheusMeterRegistry prometheus
        ? Optional.of(prometheus)
        : Optional.empty();
  }
}
