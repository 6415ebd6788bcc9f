package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * lang "auto" on Latin-script text: at least 95% right on a held-out set of 40+ character sentences
 * in 18 of the model's languages (src/test/resources/langdetect/sentences.tsv).
 */
class LatinLanguageDetectorTest {
  /** Supertonic-3's languages, as the model lists them. */
  static final List<String> SUPERTONIC_3 =
      List.of(
          "en", "ko", "ja", "ar", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "hi", "hr",
          "hu", "id", "it", "lt", "lv", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "uk",
          "vi");

  private static LatinLanguageDetector detector;

  @BeforeAll
  static void load() {
    detector = LatinLanguageDetector.forLanguages(SUPERTONIC_3).orElseThrow();
  }

  private record Labelled(String lang, String sentence) {}

  private static List<Labelled> heldOut() throws Exception {
    List<Labelled> set = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(
                    LatinLanguageDetectorTest.class.getResourceAsStream(
                        "/langdetect/sentences.tsv")),
                StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.startsWith("#") && !line.isBlank()) {
          String[] parts = line.split("\t", 2);
          set.add(new Labelled(parts[0], parts[1]));
        }
      }
    }
    return set;
  }

  @Test
  void atLeast95PercentRightOnHeldOutSentences() throws Exception {
    List<Labelled> set = heldOut();
    List<String> wrong = new ArrayList<>();
    for (Labelled s : set) {
      assertTrue(s.sentence().length() >= 40, s.sentence());
      String got = LanguageGuesser.guess(s.sentence(), SUPERTONIC_3, "en", detector);
      if (!got.equals(s.lang())) {
        wrong.add(s.lang() + " read as " + got + ": " + s.sentence());
      }
    }
    double accuracy = 1.0 - wrong.size() / (double) set.size();
    assertTrue(set.size() >= 140, "the set has " + set.size() + " sentences");
    assertTrue(accuracy >= 0.95, String.format("%.1f%% right; wrong: %s", accuracy * 100, wrong));
  }

  @Test
  void scriptsThatNameTheirLanguageStillDecideAndTinyInputsKeepTheFallback() {
    assertEquals("ko", LanguageGuesser.guess("안녕하세요, 반갑습니다.", SUPERTONIC_3, "en", detector));
    assertEquals(
        "ru",
        LanguageGuesser.guess("Привет, как дела у тебя сегодня?", SUPERTONIC_3, "en", detector));
    assertEquals("en", LanguageGuesser.guess("OK.", SUPERTONIC_3, "en", detector));
    assertEquals(
        "de",
        LanguageGuesser.guess(
            "Guten Morgen, wie geht es Ihnen heute?", SUPERTONIC_3, "en", detector));
  }

  @Test
  void onlyTheModelsLatinLanguagesAreLoaded() {
    assertEquals(
        List.of("en", "es", "fr", "pt"),
        LatinLanguageDetector.forLanguages(List.of("en", "ko", "es", "pt", "fr"))
            .orElseThrow()
            .languages()
            .stream()
            .sorted()
            .toList());
    assertTrue(
        LatinLanguageDetector.forLanguages(List.of("en")).isEmpty(), "nothing to tell apart");
  }
}
