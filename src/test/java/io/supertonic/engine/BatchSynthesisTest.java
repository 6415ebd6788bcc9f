package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Continuous batching: a request gives the same audio batched with others as alone. */
class BatchSynthesisTest {
  @TempDir static Path tmp;
  static SupertonicEngine engine;

  /** Different lengths, voices (one a blend), languages, speeds, step counts and seeds. */
  static final List<SynthesisParams> REQUESTS =
      List.of(
          new SynthesisParams("Hi.", "F1", "en", 1.05, 4, 1),
          new SynthesisParams(
              "The quick brown fox jumps over the lazy dog, and then it runs far away into the woods.",
              "M2",
              "en",
              1.0,
              8,
              2),
          new SynthesisParams(
              "Guten Morgen, wie geht es Ihnen heute?", "F1:0.7+M3:0.3", "de", 1.3, 2, 3),
          new SynthesisParams("안녕하세요. 오늘 날씨가 좋네요.", "F4", "ko", 0.8, 5, 4));

  @BeforeAll
  static void load() throws Exception {
    engine = TinyModelFixture.load(TinyModelFixture.write(tmp));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void eachRequestGetsTheSameAudioBatchedAsAlone() {
    List<SynthesisJob> batched = new ArrayList<>();
    REQUESTS.forEach(p -> batched.add(engine.start(p)));
    List<SynthesisJob> alone = new ArrayList<>();
    REQUESTS.forEach(p -> alone.add(engine.start(p)));
    int rounds = 0;
    while (batched.stream().anyMatch(SynthesisJob::hasNext)) {
      // Jobs drop out of the batch as they run out of chunks, as they would in a server.
      List<SynthesisJob> ready = batched.stream().filter(SynthesisJob::hasNext).toList();
      List<AudioChunk> chunks = engine.nextBatch(ready);
      assertEquals(ready.size(), chunks.size());
      for (int i = 0; i < ready.size(); i++) {
        SynthesisJob reference = alone.get(batched.indexOf(ready.get(i)));
        AudioChunk expected = reference.next();
        AudioChunk actual = chunks.get(i);
        assertEquals(expected.index(), actual.index());
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.pcm().length, actual.pcm().length, "chunk length, round " + rounds);
        assertTrue(
            maxDifference(expected.pcm(), actual.pcm()) <= 1, "samples differ by more than 1 LSB");
        assertEquals(expected.predictedSeconds(), actual.predictedSeconds(), 1e-4);
      }
      rounds++;
    }
    assertTrue(rounds > 1, "the long text has several chunks");
    alone.forEach(j -> assertFalse(j.hasNext()));
  }

  @Test
  void aBatchOfOneIsTheSingleChunkPath() {
    AudioChunk viaBatch = engine.nextBatch(List.of(engine.start(REQUESTS.get(1)))).get(0);
    AudioChunk single = engine.start(REQUESTS.get(1)).next();
    assertTrue(maxDifference(single.pcm(), viaBatch.pcm()) <= 1);
    assertEquals(8, viaBatch.timings().stepNanos().length);
  }

  @Test
  void refusesJobsItCannotRun() {
    SynthesisJob job = engine.start(REQUESTS.get(0));
    assertThrows(IllegalArgumentException.class, () -> engine.nextBatch(List.of(job, job)));
    job.next();
    assertThrows(IllegalArgumentException.class, () -> engine.nextBatch(List.of(job)));
    assertEquals(List.of(), engine.nextBatch(List.of()));
  }

  private static int maxDifference(short[] a, short[] b) {
    int max = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
