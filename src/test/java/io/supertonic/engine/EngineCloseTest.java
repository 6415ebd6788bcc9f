package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the engine never pulls the sessions out from under an inference. */
class EngineCloseTest {
  @TempDir Path dir;

  private static String manySentences() {
    return "One more sentence for the engine to speak. ".repeat(60);
  }

  @Test
  void aJobAfterCloseIsRefusedInsteadOfTouchingClosedSessions() throws Exception {
    SupertonicEngine engine = TinyModelFixture.load(TinyModelFixture.write(dir));
    SynthesisJob job = engine.start(TinyModelFixture.params(manySentences(), "F1", 3));
    assertTrue(job.next().pcm().length > 0);
    engine.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, job::next);
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    engine.close(); // idempotent
  }

  @Test
  void closeWhileAnotherThreadSynthesizesCompletesCleanly() throws Exception {
    SupertonicEngine engine = TinyModelFixture.load(TinyModelFixture.write(dir));
    SynthesisJob job = engine.start(TinyModelFixture.params(manySentences(), "M1", 4));
    CompletableFuture<Integer> chunks =
        CompletableFuture.supplyAsync(
            () -> {
              int n = 0;
              try {
                while (job.hasNext()) {
                  job.next();
                  n++;
                }
              } catch (IllegalStateException closed) {
                // expected once close() has won the race
              }
              return n;
            });
    engine.close();
    // Either the job finished first or it stopped at a chunk boundary; the JVM is still here to
    // tell.
    assertTrue(chunks.get(60, TimeUnit.SECONDS) >= 0);
  }
}
