package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket's arithmetic on a clock the test moves. */
class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  @Test
  void aBurstThenOneRequestPerRefillInterval() {
    RateLimiter limiter = new RateLimiter(60, 3, 100, now::get);
    for (int remaining = 2; remaining >= 0; remaining--) {
      TokenBucket.Decision d = limiter.tryTake("k");
      assertTrue(d.allowed());
      assertEquals(remaining, d.remaining());
    }
    TokenBucket.Decision refused = limiter.tryTake("k");
    assertFalse(refused.allowed());
    assertEquals(SECOND, refused.retryAfterNanos());
    assertEquals(3 * SECOND, refused.resetNanos());
    now.addAndGet(SECOND / 2);
    assertFalse(limiter.tryTake("k").allowed());
    now.addAndGet(SECOND / 2);
    assertTrue(limiter.tryTake("k").allowed());
    // Other clients have their own bucket.
    assertTrue(limiter.tryTake("other").allowed());
  }

  @Test
  void theBucketNeverHoldsMoreThanItsBurst() {
    RateLimiter limiter = new RateLimiter(600, 2, 100, now::get);
    limiter.tryTake("k");
    now.addAndGet(3600 * SECOND);
    assertEquals(1, limiter.tryTake("k").remaining());
  }

  @Test
  void fullBucketsAreEvictedAndTheMapIsBounded() {
    RateLimiter limiter = new RateLimiter(60, 1, 3, now::get);
    for (String client : new String[] {"a", "b", "c"}) {
      assertTrue(limiter.tryTake(client).allowed());
    }
    assertEquals(3, limiter.size());
    // At the cap with no bucket full again, a new client shares the overflow bucket.
    assertTrue(limiter.tryTake("d").allowed());
    assertFalse(limiter.tryTake("e").allowed());
    assertEquals(3, limiter.size() - 1);
    now.addAndGet(2 * SECOND);
    assertEquals(0, limiter.evictIdle());
    assertTrue(limiter.tryTake("e").allowed());
    assertEquals(1, limiter.size());
  }

  @Test
  void resetDurationsAreWrittenAsOpenAiDoes() {
    assertEquals("20ms", RateLimitHandler.goDuration(20_000_000L));
    assertEquals("1ms", RateLimitHandler.goDuration(1));
    assertEquals("1s", RateLimitHandler.goDuration(SECOND));
    assertEquals("1.5s", RateLimitHandler.goDuration(1_500_000_000L));
    assertEquals("6m0s", RateLimitHandler.goDuration(360 * SECOND));
    assertEquals("1h0m1s", RateLimitHandler.goDuration(3601 * SECOND));
  }

  @Test
  void streamSlotsCountPerClientAndForgetIdleClients() {
    StreamSlots slots = new StreamSlots(2);
    StreamLease a1 = slots.tryAcquire("a");
    StreamLease a2 = slots.tryAcquire("a");
    assertEquals(null, slots.tryAcquire("a"));
    assertTrue(slots.tryAcquire("b") != null);
    a1.release();
    a1.release();
    assertEquals(1, slots.open("a"));
    assertTrue(slots.tryAcquire("a") != null);
    a2.release();
  }
}
