package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end synthesis through the four tiny graphs. */
class SynthesisTest {
  @TempDir static Path tmp;
  static SupertonicEngine engine;
  static int sampleRate;

  @BeforeAll
  static void load() throws Exception {
    engine = TinyModelFixture.load(TinyModelFixture.write(tmp));
    sampleRate = engine.info().sampleRate();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void infoDescribesTheModel() {
    ModelInfo info = engine.info();
    assertEquals("supertonic-3", info.model());
    assertEquals(44100, info.sampleRate());
    assertEquals(
        List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5"), info.voices());
    assertTrue(
        info.languages().containsAll(List.of("en", "ko", "ja", "na")), info.languages().toString());
    assertEquals("CPU", info.providers().get(info.providers().size() - 1));
  }

  @Test
  void audioLengthFollowsThePredictedDuration() {
    SynthesisJob job =
        engine.start(TinyModelFixture.params("Hello there, how are you today?", "F1", 7));
    assertEquals(sampleRate, job.sampleRate());
    AudioChunk chunk = job.next();
    assertFalse(job.hasNext());
    assertEquals(0, chunk.index());
    assertEquals((int) (chunk.predictedSeconds() * sampleRate), chunk.pcm().length, 1.0);
    assertTrue(chunk.predictedSeconds() > 0.5, "duration " + chunk.predictedSeconds());
    assertEquals(4, chunk.timings().stepNanos().length);
    assertTrue(rms(chunk.pcm()) > 1000, "audio is not silent, rms " + rms(chunk.pcm()));
  }

  @Test
  void longerTextGivesLongerAudio() {
    double shortSeconds =
        engine.start(TinyModelFixture.params("Hi.", "F1", 1)).next().predictedSeconds();
    double longSeconds =
        engine
            .start(TinyModelFixture.params("Hi, this sentence is much longer.", "F1", 1))
            .next()
            .predictedSeconds();
    assertTrue(longSeconds > shortSeconds * 2, shortSeconds + " vs " + longSeconds);
  }

  @Test
  void speedDividesTheDuration() {
    double normal =
        engine
            .start(new SynthesisParams("Speed test.", "F1", "en", 1.0, 2, 1))
            .next()
            .predictedSeconds();
    double fast =
        engine
            .start(new SynthesisParams("Speed test.", "F1", "en", 2.0, 2, 1))
            .next()
            .predictedSeconds();
    assertEquals(normal / 2, fast, 1e-4);
  }

  @Test
  void sameSeedGivesTheSameAudioBitForBit() {
    short[] a =
        TinyModelFixture.synthesize(
            engine, TinyModelFixture.params("Repeat after me. Once more.", "M2", 42));
    short[] b =
        TinyModelFixture.synthesize(
            engine, TinyModelFixture.params("Repeat after me. Once more.", "M2", 42));
    assertArrayEquals(a, b);
  }

  @Test
  void concurrentJobsGiveTheSameAudioAsSequentialOnes() throws Exception {
    SynthesisParams a =
        TinyModelFixture.params("First concurrent job. It has two sentences.", "F3", 100);
    SynthesisParams b = TinyModelFixture.params("Second concurrent job, another voice.", "M1", 200);
    short[] expectedA = TinyModelFixture.synthesize(engine, a);
    short[] expectedB = TinyModelFixture.synthesize(engine, b);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<short[]> fa = pool.submit(() -> TinyModelFixture.synthesize(engine, a));
      Future<short[]> fb = pool.submit(() -> TinyModelFixture.synthesize(engine, b));
      assertArrayEquals(expectedA, fa.get(60, TimeUnit.SECONDS));
      assertArrayEquals(expectedB, fb.get(60, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void differentSeedsGiveDifferentAudio() {
    short[] a =
        TinyModelFixture.synthesize(engine, TinyModelFixture.params("Seeds matter.", "F1", 1));
    short[] b =
        TinyModelFixture.synthesize(engine, TinyModelFixture.params("Seeds matter.", "F1", 2));
    assertEquals(a.length, b.length);
    assertFalse(Arrays.equals(a, b));
  }

  @Test
  void differentVoicesGiveDifferentAudio() {
    short[] f =
        TinyModelFixture.synthesize(engine, TinyModelFixture.params("Voices differ.", "F1", 5));
    short[] m =
        TinyModelFixture.synthesize(engine, TinyModelFixture.params("Voices differ.", "M3", 5));
    assertFalse(Arrays.equals(f, m));
  }

  @Test
  void chunksAfterTheFirstStartWithSilence() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      text.append("This is sentence number ")
          .append(i)
          .append(" of a text long enough to need chunks. ");
    }
    SynthesisJob job = engine.start(TinyModelFixture.params(text.toString(), "F2", 3));
    List<AudioChunk> chunks = new ArrayList<>();
    while (job.hasNext()) {
      chunks.add(job.next());
    }
    assertTrue(chunks.size() >= 2, "chunks: " + chunks.size());
    int silence = (int) Math.round(SupertonicEngine.INTER_CHUNK_SILENCE_SECONDS * sampleRate);
    for (int i = 0; i < chunks.size(); i++) {
      AudioChunk c = chunks.get(i);
      assertEquals(i, c.index());
      int speech = (int) (c.predictedSeconds() * sampleRate);
      assertEquals(speech + (i == 0 ? 0 : silence), c.pcm().length);
      if (i > 0) {
        for (int s = 0; s < silence; s++) {
          assertEquals(0, c.pcm()[s], "silence sample " + s + " of chunk " + i);
        }
      }
    }
  }

  @Test
  void synthesizesTwentyThousandCharacters() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 20_000) {
      text.append("A fairly ordinary sentence, repeated to make a very long input. ");
    }
    short[] pcm =
        TinyModelFixture.synthesize(
            engine, new SynthesisParams(text.substring(0, 20_000), "F1", "en", 2.0, 1, 9));
    // About 0.03 s per character at speed 2 in the tiny model: minutes of audio, all produced.
    assertTrue(
        pcm.length / (double) sampleRate > 300, "seconds: " + pcm.length / (double) sampleRate);
  }

  static double rms(short[] pcm) {
    double sum = 0;
    for (short s : pcm) {
      sum += (double) s * s;
    }
    return Math.sqrt(sum / Math.max(1, pcm.length));
  }
}
