package io.supertonic.worker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which admitted stream's next chunk runs next: the unit of work is a chunk, not a request.
 *
 * <p>{@link Policy#DEADLINE} (earliest deadline first): a stream's first chunk is due the moment it
 * is admitted; each later chunk is due when the client's buffered audio runs out, i.e. at the first
 * chunk's delivery plus all the audio delivered so far. So a new request's short first chunk goes
 * ahead of later chunks of streams that still have seconds of audio buffered, and a stream whose
 * buffer is about to run dry goes ahead of a newcomer. {@link Policy#FIFO} keeps the order of
 * admission: the oldest stream runs all its chunks before the next one starts (the worker's
 * behaviour before chunk scheduling, kept for comparison).
 *
 * <p>Pure and single-threaded: no clock, no threads; every call passes the time ({@link
 * System#nanoTime()} in a server). A stream is eligible when it is neither running a chunk nor held
 * (out of credits); ties go to the older stream.
 *
 * @param <K> the stream's key (a job id)
 */
public final class ChunkScheduler<K> {
  /** The order in which chunks of different streams run. */
  public enum Policy {
    DEADLINE,
    FIFO;

    /** {@code deadline} or {@code fifo}, as the {@code --scheduler} flag spells them. */
    public static Policy parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "Unknown scheduler '" + value + "'; expected deadline or fifo");
      }
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final class Stream {
    final long admittedSeq;
    long deadlineNanos;
    long playbackStartNanos = Long.MIN_VALUE;
    long bufferedNanos;
    boolean running;
    boolean held;

    Stream(long seq, long deadline) {
      this.admittedSeq = seq;
      this.deadlineNanos = deadline;
    }
  }

  private final Policy policy;
  private final Map<K, Stream> streams = new HashMap<>();
  private long sequence;

  public ChunkScheduler(Policy policy) {
    this.policy = policy;
  }

  public Policy policy() {
    return policy;
  }

  /** A new stream; its first chunk is due now. */
  public void admit(K key, long nowNanos) {
    if (streams.containsKey(key)) {
      throw new IllegalStateException("stream " + key + " is already admitted");
    }
    streams.put(key, new Stream(sequence++, nowNanos));
  }

  /** The next eligible stream, without changing anything; empty when none can run. */
  public Optional<K> peek() {
    List<K> one = eligible(1);
    return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
  }

  /**
   * Takes up to {@code max} eligible streams in scheduling order and marks them running: the chunks
   * to synthesize now, as one batch.
   */
  public List<K> take(int max) {
    List<K> picked = eligible(max);
    picked.forEach(k -> streams.get(k).running = true);
    return picked;
  }

  /**
   * The stream's running chunk reached its client with {@code audioSeconds} of audio; {@code more}
   * says whether it has chunks left (if not, it leaves the scheduler).
   */
  public void delivered(K key, double audioSeconds, long nowNanos, boolean more) {
    Stream s = require(key);
    s.running = false;
    if (!more) {
      streams.remove(key);
      return;
    }
    if (s.playbackStartNanos == Long.MIN_VALUE) {
      // A player starts at the first audio it receives.
      s.playbackStartNanos = nowNanos;
    } else if (s.playbackStartNanos + s.bufferedNanos < nowNanos) {
      // The player ran dry before this chunk came; it resumes now, later on its timeline.
      s.playbackStartNanos = nowNanos - s.bufferedNanos;
    }
    s.bufferedNanos += (long) (audioSeconds * 1e9);
    s.deadlineNanos = s.playbackStartNanos + s.bufferedNanos;
  }

  /** The stream has no credit: its client has not consumed what it got; skip it until released. */
  public void hold(K key) {
    require(key).held = true;
  }

  public void release(K key) {
    require(key).held = false;
  }

  /** Cancelled, failed or finished: forget the stream. */
  public void remove(K key) {
    streams.remove(key);
  }

  /** When the stream's next chunk is due ({@link System#nanoTime()} scale). */
  public long deadline(K key) {
    return require(key).deadlineNanos;
  }

  public int size() {
    return streams.size();
  }

  public boolean contains(K key) {
    return streams.containsKey(key);
  }

  private List<K> eligible(int max) {
    Comparator<Map.Entry<K, Stream>> order =
        policy == Policy.FIFO
            ? Comparator.comparingLong(e -> e.getValue().admittedSeq)
            : Comparator.<Map.Entry<K, Stream>>comparingLong(e -> e.getValue().deadlineNanos)
                .thenComparingLong(e -> e.getValue().admittedSeq);
    List<K> out = new ArrayList<>();
    streams.entrySet().stream()
        .filter(e -> !e.getValue().running && !e.getValue().held)
        .sorted(order)
        .limit(Math.max(0, max))
        .forEach(e -> out.add(e.getKey()));
    return out;
  }

  private Stream require(K key) {
    Stream s = streams.get(key);
    if (s == null) {
      throw new IllegalStateException("stream " + key + " is not scheduled");
    }
    return s;
  }
}
