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
    assertEquals(List.of("a"), edf.take(1));
    edf.delivered("a", 3.0, 1 * S, true); // a's player starts at 1 s with 3 s buffered: due at 4 s
    edf.admit("b", 2 * S); // b's first chunk is due at once
    assertEquals(Optional.of("b"), edf.peek());
    assertEquals(4 * S, edf.deadline("a"));
    assertEquals(2 * S, edf.deadline("b"));
  }

  @Test
  void aStreamAboutToRunDryGoesAheadOfANewcomer() {
    edf.admit("a", 0);
    edf.take(1);
    edf.delivered("a", 0.5, 1 * S, true); // a runs out at 1.5 s
    edf.admit("b", 2 * S); // arrives after a's deadline
    assertEquals(List.of("a", "b"), edf.take(2));
  }

  @Test
  void fifoRunsTheOldestStreamToTheEnd() {
    fifo.admit("a", 0);
    fifo.take(1);
    fifo.delivered("a", 3.0, 1 * S, true);
    fifo.admit("b", 2 * S);
    assertEquals(Optional.of("a"), fifo.peek());
    fifo.take(1);
    fifo.delivered("a", 3.0, 3 * S, false); // a is done
    assertEquals(Optional.of("b"), fifo.peek());
    assertFalse(fifo.contains("a"));
  }

  @Test
  void deadlinesAccumulateTheDeliveredAudio() {
    edf.admit("a", 0);
    edf.take(1);
    edf.delivered("a", 2.0, 1 * S, true);
    edf.take(1);
    edf.delivered("a", 1.5, 2 * S, true); // still buffered: due at 1 + 2 + 1.5 s
    assertEquals(4_500_000_000L, edf.deadline("a"));
  }

  @Test
  void afterAnUnderrunTheTimelineRestartsAtTheLateChunk() {
    edf.admit("a", 0);
    edf.take(1);
    edf.delivered("a", 1.0, 1 * S, true); // runs out at 2 s
    edf.take(1);
    edf.delivered("a", 1.0, 5 * S, true); // came at 5 s: plays 5..6 s
    assertEquals(6 * S, edf.deadline("a"));
  }

  @Test
  void runningAndHeldStreamsAreNotEligible() {
    edf.admit("a", 0);
    edf.admit("b", 1);
    edf.admit("c", 2);
    assertEquals(List.of("a"), edf.take(1));
    edf.hold("b");
    assertEquals(List.of("c"), edf.take(5), "a runs, b has no credit");
    assertTrue(edf.take(5).isEmpty());
    edf.release("b");
    assertEquals(Optional.of("b"), edf.peek());
  }

  @Test
  void batchesComeInDeadlineOrderWithTiesToTheOlderStream() {
    edf.admit("x", 5 * S);
    edf.admit("y", 5 * S);
    edf.admit("z", 1 * S);
    assertEquals(List.of("z", "x", "y"), edf.take(8));
    assertEquals(3, edf.size());
  }

  @Test
  void removedStreamsAreForgotten() {
    edf.admit("a", 0);
    edf.remove("a");
    assertEquals(Optional.empty(), edf.peek());
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
