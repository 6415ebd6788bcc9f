package io.supertonic.store;

import java.time.Duration;

/**
 * Network behaviour of the store.
 *
 * @param connectTimeout TCP/TLS connect timeout
 * @param responseTimeout time allowed until response headers arrive
 * @param stallTimeout a body that delivers no byte for this long is abandoned (and retried)
 * @param maxAttempts attempts per request on connection errors and 5xx answers (at least 1)
 * @param initialBackoff wait before the second attempt; doubles each time
 */
public record StoreSettings(
    Duration connectTimeout,
    Duration responseTimeout,
    Duration stallTimeout,
    int maxAttempts,
    Duration initialBackoff) {

  public StoreSettings {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  public static StoreSettings defaults() {
    return new StoreSettings(
        Duration.ofSeconds(15),
        Duration.ofSeconds(60),
        Duration.ofSeconds(60),
        4,
        Duration.ofSeconds(1));
  }
}
