package io.supertonic.engine;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps the native sessions alive while any inference runs: closing an ONNX session under a running
 * {@code run()} crashes the JVM, so close waits for the runs in flight and later runs are refused.
 */
final class RunGuard {
  interface Work<T, E extends Exception> {
    T call() throws E;
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  <T, E extends Exception> T run(Work<T, E> work) throws E {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("The engine is closed");
      }
      return work.call();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Waits for the runs in flight, then releases the resources once. */
  void close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        release.run();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
