package io.supertonic.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One {@link TokenBucket} per client identity. Memory stays bounded: buckets that refilled
 * completely are dropped by {@link #evictIdle()} (a full bucket equals a fresh one, so nothing is
 * forgotten), and beyond {@code maxBuckets} live buckets new clients share one overflow bucket.
 */
final class RateLimiter {
  static final int DEFAULT_MAX_BUCKETS = 100_000;
  static final String OVERFLOW = "overflow";

  private final int rpm;
  private final int burst;
  private final int maxBuckets;
  private final LongSupplier clock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(int rpm, int burst, int maxBuckets, LongSupplier clock) {
    this.rpm = rpm;
    this.burst = burst;
    this.maxBuckets = maxBuckets;
    this.clock = clock;
  }

  int rpm() {
    return rpm;
  }

  TokenBucket.Decision tryTake(String client) {
    long now = clock.getAsLong();
    TokenBucket bucket = buckets.get(client);
    if (bucket == null) {
      if (buckets.size() >= maxBuckets) {
        evictIdle();
      }
      String key = buckets.size() >= maxBuckets ? OVERFLOW : client;
      bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(burst, rpm, now));
    }
    return bucket.tryTake(now);
  }

  /** Drops every bucket that has refilled completely; returns how many remain. */
  int evictIdle() {
    long now = clock.getAsLong();
    buckets.values().removeIf(bucket -> bucket.isFull(now));
    return buckets.size();
  }

  int size() {
    return buckets.size();
  }
}
