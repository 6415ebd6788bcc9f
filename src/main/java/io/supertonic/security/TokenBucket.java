package io.supertonic.security;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code perMinute}
 * tokens a minute; each request takes one. Thread-safe; time comes from the caller (nanoseconds).
 */
final class TokenBucket {
  private final double capacity;
  private final double perNano;
  private double tokens;
  private long last;

  /** The outcome of one attempt, with what the rate-limit headers report. */
  record Decision(boolean allowed, int remaining, long retryAfterNanos, long resetNanos) {}

  TokenBucket(int capacity, int perMinute, long now) {
    if (capacity < 1 || perMinute < 1) {
      throw new IllegalArgumentException("capacity and rate must be positive");
    }
    this.capacity = capacity;
    this.perNano = perMinute / 60e9;
    this.tokens = capacity;
    this.last = now;
  }

  synchronized Decision tryTake(long now) {
    refill(now);
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long retryAfter = allowed ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    long reset = (long) Math.ceil((capacity - tokens) / perNano);
    return new Decision(allowed, (int) Math.floor(tokens), retryAfter, reset);
  }

  /** A full bucket is indistinguishable from a new one, so it can be forgotten. */
  synchronized boolean isFull(long now) {
    refill(now);
    return tokens >= capacity;
  }

  private void refill(long now) {
    if (now > last) {
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
    }
  }
}
