package io.supertonic.worker;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Chunks a job may still send before the transport acknowledges one. The synthesis thread blocks
 * here, which is the point: a slow reader slows synthesis down instead of piling audio up in
 * memory.
 */
final class CreditGate {
  private final Semaphore credits;
  private volatile boolean cancelled;

  CreditGate(int initial) {
    this.credits = new Semaphore(initial);
  }

  void grant(int n) {
    credits.release(Math.max(0, n));
  }

  void cancel() {
    cancelled = true;
    // Wake a thread blocked in take().
    credits.release(Integer.MAX_VALUE / 2);
  }

  boolean isCancelled() {
    return cancelled;
  }

  /**
   * @return false when cancelled or when no credit came within the timeout
   */
  boolean take(long timeoutMs) throws InterruptedException {
    boolean got = credits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS);
    return got && !cancelled;
  }
}
