package io.supertonic.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Pulls a response body one buffer list at a time and gives up when the server goes silent: the JDK
 * client has no read timeout once headers have arrived, and a stalled CDN would hang forever.
 */
final class GuardedBody implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Duration stallTimeout;
  private volatile Flow.Subscription subscription;
  private volatile boolean closed;

  GuardedBody(Flow.Publisher<List<ByteBuffer>> publisher, Duration stallTimeout) {
    this.stallTimeout = stallTimeout;
    publisher.subscribe(this);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (closed) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    queue.add(item);
  }

  @Override
  public void onError(Throwable throwable) {
    queue.add(throwable);
  }

  @Override
  public void onComplete() {
    queue.add(END);
  }

  /** The next buffers, or null at the end of the body. */
  @SuppressWarnings("unchecked")
  List<ByteBuffer> next() throws IOException {
    Object item;
    try {
      item = queue.poll(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new InterruptedIOException("Interrupted while downloading");
    }
    if (item == null) {
      close();
      throw new IOException("no data received for " + stallTimeout.toSeconds() + " s");
    }
    if (item == END) {
      return null;
    }
    if (item instanceof IOException e) {
      throw e;
    }
    if (item instanceof Throwable t) {
      throw new IOException(t.getMessage() == null ? t.toString() : t.getMessage(), t);
    }
    Flow.Subscription s = subscription;
    if (s != null) {
      s.request(1);
    }
    return (List<ByteBuffer>) item;
  }

  /** Reads the whole body, refusing more than {@code limit} bytes. */
  byte[] readAll(int limit) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (List<ByteBuffer> buffers = next(); buffers != null; buffers = next()) {
      for (ByteBuffer b : buffers) {
        if (out.size() + b.remaining() > limit) {
          close();
          throw new IOException("response larger than " + limit + " bytes");
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk);
      }
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    closed = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }
}
