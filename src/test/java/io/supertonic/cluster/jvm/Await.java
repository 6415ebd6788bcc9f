package io.supertonic.cluster.jvm;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline, for states only visible from outside a process (logs, probes). */
public final class Await {
  private static final long POLL_MS = 100;

  private Await() {}

  /**
   * Returns how long it took for the condition to hold; fails when it does not within the timeout.
   */
  public static Duration until(Duration timeout, String what, BooleanSupplier condition) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      if (condition.getAsBoolean()) {
        return Duration.ofNanos(System.nanoTime() - start);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "Timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      try {
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted waiting for " + what, e);
      }
    }
  }
}
