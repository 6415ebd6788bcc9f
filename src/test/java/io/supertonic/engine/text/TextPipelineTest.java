package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelVariant;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextPipelineTest {
  private static final String PROSE =
      "The committee met on Tuesday to discuss the budget, the schedule and the new building. "
          + "Dr. Alvarez, who chaired the meeting, opened with a short summary of last year's results; "
          + "revenue grew, costs fell, and the team doubled in size. Everyone agreed that the plan "
          + "was ambitious! Was it realistic? Nobody could say for sure, e.g. because the market "
          + "keeps changing. ";

  private final TextPipeline pipeline =
      new TextPipeline(ModelVariant.SUPERTONIC_3, TestIndexer.supertonic3());

  private List<TextChunk> all(String text, String lang) {
    List<TextChunk> out = new ArrayList<>();
    pipeline.chunks(text, lang).forEachRemaining(out::add);
    return out;
  }

  private static String inner(TextChunk chunk, String lang) {
    String prefix = "<" + lang + ">";
    String suffix = "</" + lang + ">";
    assertTrue(chunk.text().startsWith(prefix) && chunk.text().endsWith(suffix), chunk.text());
    return chunk.text().substring(prefix.length(), chunk.text().length() - suffix.length());
  }

  /** Length as a reader counts it (a Hangul syllable or an accented letter is one). */
  private static int readerLength(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFC).length();
  }

  private static void assertIdsMatch(TextChunk chunk) {
    int[] table = TestIndexer.supertonic3();
    assertEquals(chunk.text().length(), chunk.ids().length);
    for (int i = 0; i < chunk.ids().length; i++) {
      assertTrue(chunk.ids()[i] >= 0, "unknown id in " + chunk.text());
      assertEquals(table[chunk.text().charAt(i)], chunk.ids()[i]);
    }
  }

  @Test
  void languagesComeFromTheModelVariant() {
    assertEquals(32, pipeline.languages().size());
    assertTrue(pipeline.languages().containsAll(List.of("en", "ko", "ja", "ar", "hi", "vi", "na")));
    TextPipeline v1 = new TextPipeline(ModelVariant.SUPERTONIC, TestIndexer.supertonic3());
    assertEquals(List.of("en"), v1.languages());
  }

  @ParameterizedTest
  @CsvSource({
    "ko, '안녕하세요, 세계! 반갑습니다', '안녕하세요, 세계! 반갑습니다.'",
    "ja, 'こんにちは、世界。がぎぐげご、パピプペポ！', 'こんにちは、世界。がぎぐげご、パピプペポ!'",
    "ar, 'مرحبا بالعالم. كيف حالك؟', 'مرحبا بالعالم. كيف حالك؟.'",
    "hi, 'नमस्ते दुनिया। आप कैसे हैं?', 'नमस्ते दुनिया। आप कैसे हैं?'",
    "vi, 'Xin chào thế giới, tiếng Việt', 'Xin chào thế giới, tiếng Việt.'",
    "de, 'Grüße aus Köln – schön!', 'Grüße aus Köln - schön!'",
    "na, 'Hello 😀 world', 'Hello world.'",
  })
  void preprocessesEachLanguageToKnownIds(String lang, String input, String expected) {
    List<TextChunk> chunks = all(input, lang);
    assertEquals(1, chunks.size());
    assertEquals(Normalizer.normalize(expected, Normalizer.Form.NFKD), inner(chunks.get(0), lang));
    assertIdsMatch(chunks.get(0));
  }

  @Test
  void supertonic1IsUnwrappedEnglish() {
    TextPipeline v1 = new TextPipeline(ModelVariant.SUPERTONIC, TestIndexer.supertonic3());
    Iterator<TextChunk> chunks = v1.chunks("Hi “there”", "en");
    assertEquals("Hi \"there\"", chunks.next().text());
    assertFalse(chunks.hasNext());
    assertThrows(InvalidRequestException.class, () -> v1.chunks("Hola", "es"));
  }

  @Test
  void abbreviationsDoNotEndAChunk() {
    List<TextChunk> chunks = all("Dr. Smith, e.g. our lead, met Mr. Jones.", "en");
    assertEquals(
        List.of("<en>Dr. Smith, e.g. our lead, met Mr. Jones.</en>"),
        chunks.stream().map(TextChunk::text).toList());
  }

  @ParameterizedTest
  @CsvSource({"en, 300", "de, 300", "ko, 120", "ja, 120"})
  void chunksStayWithinTheLanguageLimit(String lang, int limit) {
    String text =
        switch (lang) {
          case "ko" -> "오늘은 날씨가 정말 좋아서 친구들과 함께 공원에 산책을 나갔습니다. 그리고 맛있는 점심을 먹었어요! ".repeat(30);
          case "ja" -> "今日はとても良い天気なので、友達と一緒に公園へ散歩に行きました。それから美味しい昼ご飯を食べました！".repeat(30);
          default -> PROSE.repeat(20);
        };
    List<TextChunk> chunks = all(text, lang);
    assertTrue(chunks.size() > 5);
    for (TextChunk chunk : chunks) {
      assertTrue(readerLength(inner(chunk, lang)) <= limit, () -> "too long: " + chunk.text());
      assertIdsMatch(chunk);
    }
    // Packing: apart from the first, chunks are not needlessly short.
    double average =
        chunks.stream().skip(1).mapToInt(c -> readerLength(inner(c, lang))).average().orElse(0);
    assertTrue(average > limit * 0.6, "average chunk length " + average);
  }

  @Test
  void overlongSentencesAreCutAtClausesThenSpaces() {
    String clauses = "this clause has exactly some words in it, ".repeat(20) + "end.";
    for (TextChunk chunk : all(clauses, "en").subList(1, 3)) {
      assertTrue(inner(chunk, "en").endsWith(","), chunk.text());
    }
    String noClauses = "word ".repeat(400) + "end.";
    List<TextChunk> chunks = all(noClauses, "en");
    for (TextChunk chunk : chunks) {
      String body = inner(chunk, "en");
      assertTrue(
          body.length() <= 300 && !body.contains("wo.") && body.matches("(word ?)+(end)?\\.?"),
          body);
    }
    assertEquals(401, chunks.stream().mapToInt(c -> inner(c, "en").split(" ").length).sum());
  }

  @Test
  void firstChunkIsCutAtAClauseForLowLatency() {
    List<TextChunk> chunks = all(PROSE, "en");
    String first = inner(chunks.get(0), "en");
    assertEquals("The committee met on Tuesday to discuss the budget,", first);
    assertTrue(inner(chunks.get(1), "en").startsWith("the schedule and the new building."));
  }

  @Test
  void firstChunkPacksShortSentencesUpToTheTarget() {
    List<TextChunk> chunks = all("Hi. How are you? " + PROSE, "en");
    assertEquals("Hi. How are you?", inner(chunks.get(0), "en"));
  }

  @Test
  void laterChunksGrowFromTheFirstUpToTheLimit() {
    // Twelve sentences of 38 characters: 2 in the first chunk (77), then packed up to twice the
    // previous chunk (3 within 154, 5 within 232), never cut; the last 2 are what is left.
    String sentence = "This sentence has exactly forty chars.";
    String text = (sentence + " ").repeat(12).strip();
    List<String> bodies = all(text, "en").stream().map(c -> inner(c, "en")).toList();
    int previous = 0;
    for (int i = 0; i < bodies.size(); i++) {
      String body = bodies.get(i);
      assertTrue(body.endsWith("chars."), "whole sentences only: " + body);
      int allowed =
          i == 0
              ? TextPipeline.FIRST_CHUNK_TARGET
              : Math.min(
                  TextPipeline.MAX_CHUNK,
                  Math.max(TextPipeline.FIRST_CHUNK_TARGET, ChunkPacker.GROWTH * previous));
      assertTrue(body.length() <= allowed, "chunk " + i + " within " + allowed + ": " + body);
      if (i + 1 < bodies.size()) {
        assertTrue(
            body.length() + 1 + sentence.length() > allowed,
            "chunk " + i + " is packed as far as allowed: " + body);
      }
      previous = body.length();
    }
    assertEquals(List.of(77, 116, 194, 77), bodies.stream().map(String::length).toList());
  }

  @Test
  void firstChunkIsNeverAbsurdlyShort() {
    // The only early clause break would leave one word; the next one is taken instead.
    String text =
        "Well, after a very long and winding day of travelling across the whole country by train, "
            + "we finally arrived at the small seaside town where my grandmother used to live.";
    String first = inner(all(text, "en").get(0), "en");
    assertTrue(ClauseCutter.words(first) >= ClauseCutter.MIN_FIRST_WORDS, first);
    assertEquals(
        "Well, after a very long and winding day of travelling across the whole country by train,",
        first);
  }

  @Test
  void paragraphsStartNewChunks() {
    List<TextChunk> chunks = all("First paragraph here.\n\nSecond one.\n \nThird", "en");
    assertEquals(
        List.of("<en>First paragraph here.</en>", "<en>Second one.</en>", "<en>Third.</en>"),
        chunks.stream().map(TextChunk::text).toList());
    assertEquals(List.of(0, 1, 2), chunks.stream().map(TextChunk::index).toList());
  }

  @Test
  void cjkSentencesJoinWithoutAddedSpaces() {
    List<TextChunk> chunks = all("晴れ。散歩しよう！", "ja");
    assertEquals(
        Normalizer.normalize("晴れ。散歩しよう!", Normalizer.Form.NFKD), inner(chunks.get(0), "ja"));
  }

  @Test
  void chunksAreProducedLazily() {
    // A 10 MB text whose characters beyond the first kilobyte must not be read for the first chunk.
    ReadLimitedText text = new ReadLimitedText(PROSE.repeat(30_000), 1_000);
    Iterator<TextChunk> chunks = pipeline.chunks(text, "en");
    assertTrue(chunks.hasNext());
    assertEquals(
        "<en>The committee met on Tuesday to discuss the budget,</en>", chunks.next().text());
    assertTrue(chunks.hasNext());
    assertTrue(text.maxRead < 1_000);
    text.limit = Integer.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      chunks.next();
    }
    assertTrue(text.maxRead < 3_000, "read up to " + text.maxRead);
  }

  @Test
  void runOnTextWithoutPunctuationIsAlsoReadLazily() {
    ReadLimitedText text = new ReadLimitedText("and then we walked on ".repeat(500_000), 2_000);
    Iterator<TextChunk> chunks = pipeline.chunks(text, "en");
    String first = inner(chunks.next(), "en");
    assertTrue(first.length() <= TextPipeline.FIRST_CHUNK_TARGET, first);
    assertTrue(first.startsWith("and then we walked on"), first);
  }

  @Test
  void runOnJapaneseIsCutWithoutBreakingTags() {
    String text = "あいうえおかきくけこ<laugh>".repeat(300);
    List<TextChunk> chunks = all(text, "ja");
    long tags =
        chunks.stream().mapToLong(c -> inner(c, "ja").split("<laugh>", -1).length - 1).sum();
    assertEquals(300, tags);
    chunks.forEach(c -> assertTrue(readerLength(inner(c, "ja")) <= 120, c.text()));
  }

  @Test
  void twentyThousandCharactersAreChunkedWithoutLosingWords() {
    StringBuilder text = new StringBuilder();
    while (text.length() < 20_000) {
      text.append(PROSE);
      if (text.length() % 3 == 0) {
        text.append("\n\n");
      }
    }
    List<TextChunk> chunks = all(text.toString(), "en");
    String spoken = chunks.stream().map(c -> inner(c, "en")).collect(Collectors.joining(" "));
    assertEquals(
        words(text.toString().replace("e.g.", "e.g")), words(spoken.replace("e.g.", "e.g")));
    chunks.forEach(TextPipelineTest::assertIdsMatch);
    for (int i = 0; i < chunks.size(); i++) {
      assertEquals(i, chunks.get(i).index());
    }
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+"))
        .map(w -> w.replaceAll("[^\\p{L}\\p{N}']", ""))
        .filter(w -> !w.isEmpty())
        .toList();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\n\t \n", "😀🎉", "♥ © 🚀 ... !!", "\n\n😀\n\n♡"})
  void rejectsInputWithNothingToSay(String input) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> pipeline.chunks(input, "en"));
    assertEquals("input", e.param());
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void skipsUnspeakableParagraphsButKeepsTheRest() {
    List<TextChunk> chunks = all("😀😀\n\nHello there.\n\n♥ ♥\n\nBye", "en");
    assertEquals(
        List.of("<en>Hello there.</en>", "<en>Bye.</en>"),
        chunks.stream().map(TextChunk::text).toList());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"xx", "EN", "english", ""})
  void rejectsUnknownLanguages(String lang) {
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> pipeline.chunks("Hi", lang));
    assertEquals("lang", e.param());
    assertEquals("invalid_language", e.code());
    assertTrue(e.getMessage().contains("must be one of: en, ko, ja"), e.getMessage());
  }

  @Test
  void supertonic2RejectsLanguagesItDoesNotSpeak() {
    TextPipeline v2 = new TextPipeline(ModelVariant.SUPERTONIC_2, TestIndexer.supertonic3());
    InvalidRequestException e =
        assertThrows(InvalidRequestException.class, () -> v2.chunks("Hallo", "de"));
    assertTrue(e.getMessage().contains("en, ko, es, pt, fr"), e.getMessage());
  }

  /** A CharSequence that fails on reads beyond a limit and records how far it was read. */
  private static final class ReadLimitedText implements CharSequence {
    private final String text;
    int limit;
    int maxRead;

    ReadLimitedText(String text, int limit) {
      this.text = text;
      this.limit = limit;
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public char charAt(int index) {
      if (index >= limit) {
        throw new IllegalStateException("read at " + index + " beyond " + limit);
      }
      maxRead = Math.max(maxRead, index);
      return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      if (end > limit) {
        throw new IllegalStateException("read up to " + end + " beyond " + limit);
      }
      maxRead = Math.max(maxRead, end - 1);
      return text.substring(start, end);
    }

    @Override
    public String toString() {
      throw new IllegalStateException("whole text requested");
    }
  }
}
