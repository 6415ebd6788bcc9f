package io.supertonic.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.worker.ChunkScheduler.Policy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChunkSchedulerTest {
  private static final long S = 1_000_000_000L;

  private final ChunkScheduler<String> edf = new ChunkScheduler<>(Policy.DEADLINE);
  private final ChunkScheduler<String> fifo = new ChunkScheduler<>(Policy.FIFO);

  @Test
  void aNewcomersFirstChunkGoesAheadOfAStreamWithAudioBuffered() {
    edf.admit("a", 0);
    assertEquals(List.of("a"), edf.take(1, 0));
    edf.delivered("a", 5.0, 1 * S, true); // a's player starts at 1 s with 5 s buffered: due at 6 s
    edf.admit("b", 2 * S);
    assertEquals(6 * S, edf.deadline("a"));
    assertEquals(2 * S, edf.deadline("b"));
    // b's first chunk (0.5 s) and then a's next (0.8 s) end at 3.3 s, well before a runs dry
    ChunkScheduler.Plan<String> plan = edf.plan(2, 2 * S, cost(0.8, 0.5));
    assertEquals(List.of("b", "a"), plan.streams());
    // ...so the worker may run b until a's slack (6 - 2 - 0.8 - guard) is used up, not longer
    long slack =
        6 * S
            - 2 * S
            - 800_000_000L
            - ChunkScheduler.GUARD_NANOS
            - (long) (ChunkScheduler.GUARD_SHARE * 0.8 * S);
    assertEquals(2 * S + slack, plan.reconsiderAtNanos());
    // what may join b's batch: the slack b itself leaves
    assertEquals(
        slack - 500_000_000L - (long) (ChunkScheduler.GUARD_SHARE * 0.5 * S),
        plan.batchBudgetNanos());
  }

  @Test
  void aNewcomerWaitsWhenItsFirstChunkWouldMakeAPlayingStreamRunDry() {
    edf.admit("a", 0);
    edf.take(1, 0);
    edf.delivered("a", 3.0, 1 * S, true); // runs dry at 4 s
    edf.admit("b", 2 * S);
    // b's first chunk (1 s) then a's next (1.5 s) would end at 4.5 s, past 4 s: a first
    ChunkScheduler.Plan<String> plan = edf.plan(1, 2 * S, cost(1.5, 1.0));
    assertEquals(List.of("a"), plan.streams());
    assertEquals(Long.MAX_VALUE, plan.reconsiderAtNanos());
    assertEquals(0, plan.batchBudgetNanos(), "no slack: nothing may join a's batch");
    edf.delivered("a", 6.0, 3500_000_000L, true); // a now has until 10 s
    assertEquals(List.of("b"), edf.plan(1, 3500_000_000L, cost(1.5, 1.0)).streams());
  }

  @Test
  void theSlackIsTheTightestOverEveryPlayingStreamInDeadlineOrder() {
    edf.admit("a", 0);
    edf.admit("b", 0);
    edf.take(2, 0);
    edf.delivered("a", 10.0, 1 * S, true); // dry at 11 s
    edf.delivered("b", 3.0, 1 * S, true); // dry at 4 s
    edf.admit("c", 1 * S);
    // b (due first) needs 1 s, then a 1 s: the slack is b's 4 - 1 - 1 - guard (0.9), 1.1 s; a's
    // is 11 - 3 - 0.9. A 2 s first chunk does not fit, a 0.3 s one does.
    assertEquals(List.of("b", "a", "c"), edf.plan(3, 1 * S, cost(1.0, 1.0, 2.0)).streams());
    edf.paused("b");
    edf.paused("a");
    edf.paused("c");
    assertEquals(List.of("c", "b", "a"), edf.plan(3, 1 * S, cost(1.0, 1.0, 0.3)).streams());
  }

  @Test
  void aStreamAboutToRunDryGoesAheadOfANewcomer() {
    edf.admit("a", 0);
    edf.take(1, 0);
    edf.delivered("a", 0.5, 1 * S, true); // a runs out at 1.5 s
    edf.admit("b", 2 * S); // arrives after a's deadline
    assertEquals(List.of("a", "b"), edf.take(2, 2 * S));
  }

  @Test
  void withoutPlayingStreamsNewcomersRunInArrivalOrderAndNothingIsReconsidered() {
    edf.admit("x", 1 * S);
    edf.admit("y", 2 * S);
    ChunkScheduler.Plan<String> plan = edf.plan(8, 3 * S, cost(5.0, 5.0));
    assertEquals(List.of("x", "y"), plan.streams());
    assertEquals(Long.MAX_VALUE, plan.reconsiderAtNanos());
  }

  @Test
  void aStreamStoppedPartWayMayBePickedAgain() {
    edf.admit("a", 0);
    assertEquals(List.of("a"), edf.take(1, 0));
    assertTrue(edf.take(1, 0).isEmpty(), "a is running");
    edf.paused("a");
    assertEquals(List.of("a"), edf.take(1, 0));
  }

  @Test
  void fifoRunsTheOldestStreamToTheEnd() {
    fifo.admit("a", 0);
    fifo.take(1, 0);
    fifo.delivered("a", 3.0, 1 * S, true);
    fifo.admit("b", 2 * S);
    assertEquals(Optional.of("a"), fifo.peek(2 * S));
    fifo.take(1, 2 * S);
    fifo.delivered("a", 3.0, 3 * S, false); // a is done
    assertEquals(Optional.of("b"), fifo.peek(3 * S));
    assertFalse(fifo.contains("a"));
  }

  @Test
  void deadlinesAccumulateTheDeliveredAudio() {
    edf.admit("a", 0);
    edf.take(1, 0);
    edf.delivered("a", 2.0, 1 * S, true);
    edf.take(1, 1 * S);
    edf.delivered("a", 1.5, 2 * S, true); // still buffered: due at 1 + 2 + 1.5 s
    assertEquals(4_500_000_000L, edf.deadline("a"));
  }

  @Test
  void afterAnUnderrunTheTimelineRestartsAtTheLateChunk() {
    edf.admit("a", 0);
    edf.take(1, 0);
    edf.delivered("a", 1.0, 1 * S, true); // runs out at 2 s
    edf.take(1, 1 * S);
    edf.delivered("a", 1.0, 5 * S, true); // came at 5 s: plays 5..6 s
    assertEquals(6 * S, edf.deadline("a"));
  }

  @Test
  void runningAndHeldStreamsAreNotEligible() {
    edf.admit("a", 0);
    edf.admit("b", 1);
    edf.admit("c", 2);
    assertEquals(List.of("a"), edf.take(1, 2));
    edf.hold("b");
    assertEquals(List.of("c"), edf.take(5, 2), "a runs, b has no credit");
    assertTrue(edf.take(5, 2).isEmpty());
    edf.release("b");
    assertEquals(Optional.of("b"), edf.peek(2));
  }

  @Test
  void playingStreamsComeInDeadlineOrderWithTiesToTheOlderStream() {
    edf.admit("x", 0);
    edf.admit("y", 0);
    edf.admit("z", 0);
    edf.take(3, 0);
    edf.delivered("x", 5.0, 0, true);
    edf.delivered("y", 5.0, 0, true);
    edf.delivered("z", 1.0, 0, true);
    assertEquals(List.of("z", "x", "y"), edf.take(8, 0));
    assertEquals(3, edf.size());
  }

  /** Each stream's remaining work, in seconds, by its name's place in the alphabet (a, b, c...). */
  private static java.util.function.ToLongFunction<String> cost(double... seconds) {
    return k -> {
      int i = k.charAt(0) - 'a';
      return i >= 0 && i < seconds.length ? (long) (seconds[i] * S) : 0L;
    };
  }

  @Test
  void removedStreamsAreForgotten() {
    edf.admit("a", 0);
    edf.remove("a");
    assertEquals(Optional.empty(), edf.peek(0));
    assertThrows(IllegalStateException.class, () -> edf.deadline("a"));
    assertThrows(IllegalStateException.class, () -> edf.delivered("a", 1, 0, true));
    edf.admit("b", 0);
    assertThrows(IllegalStateException.class, () -> edf.admit("b", 0));
  }

  @Test
  void policiesParseAsTheFlagSpellsThem() {
    assertEquals(Policy.FIFO, Policy.parse("fifo"));
    assertEquals(Policy.DEADLINE, Policy.parse(" Deadline "));
    assertEquals("deadline", Policy.DEADLINE.id());
    assertThrows(IllegalArgumentException.class, () -> Policy.parse("edf"));
  }
}
