package io.supertonic.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.worker.ChunkScheduler.Policy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's policy against a simulated worker, on a virtual clock: streams of 1 to 4 chunks
 * (each at most twice as long as the one before, as the chunker packs them) arrive at random at 70%
 * of the worker's capacity, each chunk costs 0.2 s of compute per second of audio (the benchmark
 * model on a 2-core CPU) and is worked on in tenths (the denoising steps, where the worker may stop
 * it), and a player starts at each stream's first chunk. Deterministic (seeded), so what it checks
 * is the policy itself: {@code deadline} must start streams sooner than {@code fifo} without making
 * them underrun.
 */
class ChunkSchedulerSimulationTest {
  private static final long S = 1_000_000_000L;
  private static final double RTF = 0.2;
  private static final int SLICES = 10;

  private record Chunk(double audioSeconds, long costNanos) {}

  private record Arrival(long atNanos, List<Chunk> chunks) {}

  private record Outcome(long p50TtfbNanos, long p95TtfbNanos, int underrunStreams, int streams) {}

  @Test
  void deadlineStartsStreamsSoonerThanFifoWithoutGaps() {
    int underruns = 0;
    int streams = 0;
    for (long seed = 1; seed <= 8; seed++) {
      List<Arrival> arrivals = arrivals(seed, 400, 0.7);
      Outcome fifo = simulate(Policy.FIFO, arrivals);
      Outcome deadline = simulate(Policy.DEADLINE, arrivals);
      System.out.printf(
          "simulation seed %d: ttfb p50 %.2f s / %.2f s (%.2fx), p95 %.2f s / %.2f s (%.2fx),"
              + " underrun streams %d / %d (deadline / fifo)%n",
          seed,
          deadline.p50TtfbNanos() / 1e9,
          fifo.p50TtfbNanos() / 1e9,
          deadline.p50TtfbNanos() / (double) fifo.p50TtfbNanos(),
          deadline.p95TtfbNanos() / 1e9,
          fifo.p95TtfbNanos() / 1e9,
          deadline.p95TtfbNanos() / (double) fifo.p95TtfbNanos(),
          deadline.underrunStreams(),
          fifo.underrunStreams());
      assertEquals(400, deadline.streams());
      assertEquals(0, fifo.underrunStreams(), "fifo runs each stream far ahead: " + fifo);
      assertTrue(
          deadline.p50TtfbNanos() < 0.7 * fifo.p50TtfbNanos(),
          "seed " + seed + ", median time to first audio: " + deadline + " against " + fifo);
      assertTrue(
          deadline.p95TtfbNanos() < fifo.p95TtfbNanos(),
          "seed " + seed + ", p95 time to first audio: " + deadline + " against " + fifo);
      underruns += deadline.underrunStreams();
      streams += deadline.streams();
    }
    assertTrue(
        underruns <= streams / 100,
        "at most 1% of streams underrun with exact estimates: " + underruns + " of " + streams);
  }

  @Test
  void aLoneStreamIsNeverHeldBack() {
    List<Arrival> one = arrivals(3, 1, 0.1);
    Outcome fifo = simulate(Policy.FIFO, one);
    Outcome deadline = simulate(Policy.DEADLINE, one);
    assertEquals(fifo.p50TtfbNanos(), deadline.p50TtfbNanos());
    assertEquals(0, deadline.underrunStreams());
  }

  /** Poisson arrivals at {@code utilization} of the serial capacity of the streams drawn. */
  private static List<Arrival> arrivals(long seed, int n, double utilization) {
    Random random = new Random(seed);
    List<List<Chunk>> streams = new ArrayList<>();
    long totalCost = 0;
    for (int i = 0; i < n; i++) {
      List<Chunk> chunks = new ArrayList<>();
      double audio = 1.5 + 4.5 * random.nextDouble(); // a first chunk: up to 80 characters
      int count = 1 + random.nextInt(4);
      for (int c = 0; c < count; c++) {
        long cost = (long) ((RTF * audio + 0.03) * S);
        chunks.add(new Chunk(audio, cost));
        totalCost += cost;
        audio = Math.min(22, audio * (1.0 + random.nextDouble())); // at most twice the previous
      }
      streams.add(chunks);
    }
    double rate = utilization / (totalCost / (double) n / S);
    List<Arrival> out = new ArrayList<>();
    double t = 0;
    for (List<Chunk> chunks : streams) {
      t += -Math.log(1 - random.nextDouble()) / rate;
      out.add(new Arrival((long) (t * S), chunks));
    }
    return out;
  }

  private static final class Playing {
    final Arrival arrival;
    int next;
    int slicesDone;
    long firstAudioNanos = -1;
    long playbackEndNanos;
    boolean underran;

    Playing(Arrival arrival) {
      this.arrival = arrival;
    }

    Chunk chunk() {
      return arrival.chunks().get(next);
    }

    long remainingNanos() {
      return chunk().costNanos() * (SLICES - slicesDone) / SLICES;
    }
  }

  /** Runs the worker's loop on a virtual clock: plan, work a slice, deliver, plan again. */
  private static Outcome simulate(Policy policy, List<Arrival> arrivals) {
    ChunkScheduler<Integer> scheduler = new ChunkScheduler<>(policy);
    Map<Integer, Playing> streams = new HashMap<>();
    List<Playing> finished = new ArrayList<>();
    long now = 0;
    int arrived = 0;
    Integer current = null;
    long reconsiderAt = Long.MAX_VALUE;
    boolean admittedSince = false;
    while (finished.size() < arrivals.size()) {
      while (arrived < arrivals.size() && arrivals.get(arrived).atNanos() <= now) {
        streams.put(arrived, new Playing(arrivals.get(arrived)));
        scheduler.admit(arrived, arrivals.get(arrived).atNanos());
        arrived++;
        admittedSince = true;
      }
      if (streams.isEmpty()) {
        now = arrivals.get(arrived).atNanos();
        continue;
      }
      // As the worker: a slice ends at a chunk's end, on an admission or at the reconsider time;
      // with fifo a chunk always runs to its end.
      boolean replan =
          current == null
              || (policy == Policy.DEADLINE && (admittedSince || now >= reconsiderAt));
      if (replan) {
        if (current != null) {
          scheduler.paused(current);
        }
        admittedSince = false;
        ChunkScheduler.Plan<Integer> plan =
            scheduler.plan(1, now, k -> streams.get(k).remainingNanos());
        current = plan.streams().get(0);
        reconsiderAt = plan.reconsiderAtNanos();
      }
      Playing p = streams.get(current);
      now += p.chunk().costNanos() / SLICES;
      if (++p.slicesDone < SLICES) {
        continue;
      }
      Chunk done = p.chunk();
      p.slicesDone = 0;
      p.next++;
      if (p.firstAudioNanos < 0) {
        p.firstAudioNanos = now;
        p.playbackEndNanos = now;
      } else if (p.playbackEndNanos < now) {
        p.underran = true;
        p.playbackEndNanos = now;
      }
      p.playbackEndNanos += (long) (done.audioSeconds() * S);
      boolean more = p.next < p.arrival.chunks().size();
      scheduler.delivered(current, done.audioSeconds(), now, more);
      if (!more) {
        streams.remove(current);
        finished.add(p);
      }
      current = null;
    }
    long[] ttfb =
        finished.stream()
            .mapToLong(p -> p.firstAudioNanos - p.arrival.atNanos())
            .sorted()
            .toArray();
    int underruns = (int) finished.stream().filter(p -> p.underran).count();
    return new Outcome(
        ttfb[(int) (0.5 * (ttfb.length - 1))],
        ttfb[(int) (0.95 * (ttfb.length - 1))],
        underruns,
        finished.size());
  }
}
