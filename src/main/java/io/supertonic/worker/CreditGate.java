package io.supertonic.worker;

import io.supertonic.bus.StreamMessage;

/**
 * Chunks a job may still send before the transport acknowledges one. Used only on the worker's
 * event loop: a stream without credit is held out of the {@link ChunkScheduler} (so a slow reader
 * slows its own synthesis down instead of piling audio up in memory) and resumes when a credit
 * arrives.
 */
final class CreditGate {
  private int credits;
  private StreamMessage cancelledWith;
  private Runnable onCredit;

  CreditGate(int initial) {
    this.credits = Math.max(0, initial);
  }

  void grant(int n) {
    credits += Math.max(0, n);
    if (credits > 0 && onCredit != null) {
      Runnable waiting = onCredit;
      onCredit = null;
      waiting.run();
    }
  }

  /**
   * Stops the job at its next chunk boundary; the first call's terminal message is what the job
   * ends with.
   */
  void cancel(StreamMessage terminal) {
    if (cancelledWith == null) {
      cancelledWith = terminal;
      onCredit = null;
    }
  }

  boolean isCancelled() {
    return cancelledWith != null;
  }

  /** The terminal message the job was cancelled with; null while not cancelled. */
  StreamMessage cancelledWith() {
    return cancelledWith;
  }

  boolean hasCredit() {
    return credits > 0 && !isCancelled();
  }

  /** Spends one credit for a chunk about to be synthesized; false when there is none. */
  boolean tryTake() {
    if (!hasCredit()) {
      return false;
    }
    credits--;
    return true;
  }

  /** Runs {@code action} once, at the next grant (the stream was out of credit). */
  void whenCredited(Runnable action) {
    this.onCredit = action;
  }
}
