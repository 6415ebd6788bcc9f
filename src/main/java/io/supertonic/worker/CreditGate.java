package io.supertonic.worker;

import io.supertonic.bus.StreamMessage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Chunks a job may still send before the transport acknowledges one. The synthesis thread blocks
 * here, which is the point: a slow reader slows synthesis down instead of piling audio up in
 * memory.
 */
final class CreditGate {
  private final Semaphore credits;
  private volatile StreamMessage cancelledWith;

  CreditGate(int initial) {
    this.credits = new Semaphore(initial);
  }

  void grant(int n) {
    credits.release(Math.max(0, n));
  }

  /**
   * Stops the job at its next chunk boundary; the first call's terminal message is what the job
   * ends with.
   */
  synchronized void cancel(StreamMessage terminal) {
    if (cancelledWith == null) {
      cancelledWith = terminal;
      // Wake a thread blocked in take().
      credits.release(Integer.MAX_VALUE / 2);
    }
  }

  boolean isCancelled() {
    return cancelledWith != null;
  }

  /** The terminal message the job was cancelled with; null while not cancelled. */
  StreamMessage cancelledWith() {
    return cancelledWith;
  }

  /**
   * @return false when cancelled or when no credit came within the timeout
   */
  boolean take(long timeoutMs) throws InterruptedException {
    boolean got = credits.tryAcquire(timeoutMs, TimeUnit.MILLISECONDS);
    return got && !isCancelled();
  }
}
