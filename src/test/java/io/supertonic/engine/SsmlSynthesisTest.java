package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSML through the real engine on the tiny model: the audio changes as each element promises. */
class SsmlSynthesisTest {
  @TempDir static Path tmp;
  static SupertonicEngine engine;
  static int rate;

  @BeforeAll
  static void load() throws Exception {
    engine = TinyModelFixture.load(TinyModelFixture.write(tmp));
    rate = engine.info().sampleRate();
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  private static short[] pcm(String text) {
    return TinyModelFixture.synthesize(engine, TinyModelFixture.params(text, "F1", 3));
  }

  private static List<AudioChunk> chunks(String text, String voice) {
    SynthesisJob job = engine.start(TinyModelFixture.params(text, voice, 3));
    List<AudioChunk> out = new ArrayList<>();
    while (job.hasNext()) {
      out.add(job.next());
    }
    for (int i = 0; i < out.size(); i++) {
      assertEquals(i, out.get(i).index());
    }
    return out;
  }

  /** Longest run of exact zeros, in samples. */
  private static int longestZeroRun(short[] pcm) {
    int best = 0;
    int run = 0;
    for (short s : pcm) {
      run = s == 0 ? run + 1 : 0;
      best = Math.max(best, run);
    }
    return best;
  }

  @Test
  void aBreakInsertsThatMuchRealSilence() {
    short[] plain = pcm("<speak>Hello there. General Kenobi.</speak>");
    short[] broken = pcm("<speak>Hello there.<break time=\"1s\"/>General Kenobi.</speak>");
    double gap = longestZeroRun(broken) / (double) rate;
    double chunkSilence = SupertonicEngine.INTER_CHUNK_SILENCE_SECONDS;
    assertTrue(gap >= 1.0 && gap <= 1.0 + chunkSilence + 0.01, "silence of " + gap + " s");
    assertTrue(longestZeroRun(plain) / (double) rate < 0.5, "plain has no long silence");
    // The same two segments with a zero break get the usual inter-chunk silence instead.
    short[] split = pcm("<speak>Hello there.<break time=\"0ms\"/>General Kenobi.</speak>");
    assertEquals(Math.round((1.0 - chunkSilence) * rate), broken.length - split.length);
  }

  @Test
  void aTrailingBreakIsSilenceAtTheEnd() {
    List<AudioChunk> chunks = chunks("<speak>Hi.<break time=\"500ms\"/></speak>", "F1");
    AudioChunk last = chunks.get(chunks.size() - 1);
    assertEquals(Math.round(0.5 * rate), last.pcm().length);
    assertEquals(last.pcm().length, longestZeroRun(last.pcm()));
  }

  @Test
  void aVoiceSpanIsSynthesizedInThatVoice() {
    List<AudioChunk> mixed =
        chunks("<speak>Good morning. <voice name=\"M2\">Nice weather today.</voice></speak>", "F1");
    assertEquals(2, mixed.size());
    short[] span = mixed.get(1).pcm();
    short[] m2 =
        TinyModelFixture.synthesize(
            engine, TinyModelFixture.params("Nice weather today.", "M2", 3));
    short[] f1 =
        TinyModelFixture.synthesize(
            engine, TinyModelFixture.params("Nice weather today.", "F1", 3));
    int lead = span.length - m2.length;
    assertEquals(Math.round(SupertonicEngine.INTER_CHUNK_SILENCE_SECONDS * rate), lead);
    short[] spoken = Arrays.copyOfRange(span, lead, span.length);
    assertArrayEquals(m2, spoken, "the span is exactly a plain M2 synthesis of its words");
    assertFalse(Arrays.equals(f1, spoken), "and not the F1 one");
    assertArrayEquals(
        TinyModelFixture.synthesize(engine, TinyModelFixture.params("Good morning.", "F1", 3)),
        mixed.get(0).pcm());
  }

  @Test
  void aLangSpanUsesThatLanguage() {
    List<AudioChunk> chunks =
        chunks("<speak>Hello. <lang xml:lang=\"de-DE\">Guten Tag.</lang></speak>", "F1");
    assertTrue(chunks.get(0).text().contains("<en>"), chunks.get(0).text());
    assertTrue(chunks.get(1).text().contains("<de>Guten Tag."), chunks.get(1).text());
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () ->
                engine.start(
                    TinyModelFixture.params(
                        "<speak><lang xml:lang=\"xx\">a</lang></speak>", "F1", 1)));
    assertEquals("invalid_language", e.code());
  }

  @Test
  void prosodyRateChangesTheDuration() {
    String words = "This sentence is read at several speeds.";
    int normal = pcm("<speak>" + words + "</speak>").length;
    int slow = pcm("<speak><prosody rate=\"slow\">" + words + "</prosody></speak>").length;
    int fast = pcm("<speak><prosody rate=\"200%\">" + words + "</prosody></speak>").length;
    int clamped = pcm("<speak><prosody rate=\"5\">" + words + "</prosody></speak>").length;
    assertEquals(normal / 0.8, slow, normal * 0.05);
    assertEquals(normal / 2.0, fast, normal * 0.05);
    assertEquals(fast, clamped, "rates beyond the model's 2.0 are clamped");
  }

  @Test
  void subAndSayAsChangeWhatIsSaid() {
    AudioChunk sub =
        chunks("<speak><sub alias=\"World Wide Web Consortium\">W3C</sub></speak>", "F1").get(0);
    assertTrue(sub.text().contains("World Wide Web Consortium"), sub.text());
    assertFalse(sub.text().contains("W3C"), sub.text());
    assertTrue(sub.pcm().length > pcm("W3C").length * 2);

    AudioChunk number =
        chunks("<speak><say-as interpret-as=\"cardinal\">1999</say-as></speak>", "F1").get(0);
    assertTrue(number.text().contains("one thousand nine hundred ninety-nine"), number.text());
    assertTrue(number.pcm().length > pcm("1999").length * 3);

    AudioChunk date =
        chunks("<speak><say-as interpret-as=\"date\">2024-03-05</say-as></speak>", "F1").get(0);
    assertTrue(date.text().contains("March fifth, twenty twenty-four"), date.text());
  }

  @Test
  void expressionTagsReachTheModelInsideSsml() {
    AudioChunk chunk = chunks("<speak>Oh <laugh> that is funny.</speak>", "F1").get(0);
    assertTrue(chunk.text().contains("<laugh>"), chunk.text());
  }

  @Test
  void plainTextWithSpeakLaterIsNotSsml() {
    AudioChunk chunk = chunks("Please say <speak> now.", "F1").get(0);
    assertTrue(chunk.text().contains("speak"), chunk.text());
    // Not well-formed as XML, yet no error: it was never parsed.
    assertFalse(chunks("Tom & Jerry <speak> <break", "F1").isEmpty());
  }

  @Test
  void ssmlJobsAreNotBatchableButPlainOnesAre() {
    SynthesisJob ssml = engine.start(TinyModelFixture.params("<speak>Hi.</speak>", "F1", 1));
    SynthesisJob plain = engine.start(TinyModelFixture.params("Hi.", "F1", 1));
    assertFalse(engine.isBatchable(ssml));
    assertTrue(engine.isBatchable(plain));
    assertThrows(IllegalArgumentException.class, () -> engine.nextBatch(List.of(ssml)));
  }

  @Test
  void malformedSsmlFailsBeforeAnyAudio() {
    InvalidRequestException e =
        assertThrows(
            InvalidRequestException.class,
            () -> engine.start(TinyModelFixture.params("<speak>Hi <b>there</speak>", "F1", 1)));
    assertEquals("invalid_ssml", e.code());
    assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
    assertEquals(
        "invalid_voice",
        assertThrows(
                InvalidRequestException.class,
                () ->
                    engine.start(
                        TinyModelFixture.params(
                            "<speak>a <voice name=\"Nobody\">b</voice></speak>", "F1", 1)))
            .code());
  }
}
