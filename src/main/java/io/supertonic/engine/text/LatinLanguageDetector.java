package io.supertonic.engine.text;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tells Latin-script languages apart (German from French from Polish...) for {@code lang: "auto"}
 * with Lingua's n-gram models, loaded only for the languages the model speaks. Scripts that name
 * their language (Hangul, Cyrillic, ...) are decided by {@link LanguageGuesser} without it.
 *
 * <p>Low-accuracy mode (trigrams only): on sentences of 40+ characters it is as right as the full
 * models (docs/language-detection.md) at a fraction of the memory and time.
 */
public final class LatinLanguageDetector {
  /** Lingua needs a few words; shorter input keeps the caller's fallback. */
  static final int MIN_CHARS = 12;

  /** The model's languages written in other scripts: {@link LanguageGuesser} names them. */
  private static final java.util.Set<String> OTHER_SCRIPTS =
      java.util.Set.of("ko", "ja", "ar", "hi", "el", "ru", "uk", "bg");

  private final LanguageDetector detector;
  private final Map<Language, String> codes;

  private LatinLanguageDetector(LanguageDetector detector, Map<Language, String> codes) {
    this.detector = detector;
    this.codes = codes;
  }

  /**
   * A detector for the Latin-script languages among {@code supported} (ISO 639-1 codes); empty when
   * fewer than two of them are Latin-script, since there is nothing to tell apart.
   */
  public static Optional<LatinLanguageDetector> forLanguages(List<String> supported) {
    Map<Language, String> codes = new EnumMap<>(Language.class);
    for (String code : supported) {
      Language language = latinLanguage(code);
      if (language != null) {
        codes.put(language, code);
      }
    }
    if (codes.size() < 2) {
      return Optional.empty();
    }
    LanguageDetector detector =
        LanguageDetectorBuilder.fromLanguages(codes.keySet().toArray(new Language[0]))
            .withLowAccuracyMode()
            .withPreloadedLanguageModels()
            .build();
    return Optional.of(new LatinLanguageDetector(detector, codes));
  }

  /** The language of {@code text}, if Lingua can tell. */
  public Optional<String> detect(CharSequence text) {
    String sample =
        text.length() > LanguageGuesser.SAMPLE_CHARS
            ? text.subSequence(0, LanguageGuesser.SAMPLE_CHARS).toString()
            : text.toString();
    if (sample.strip().length() < MIN_CHARS) {
      return Optional.empty();
    }
    return Optional.ofNullable(codes.get(detector.detectLanguageOf(sample)));
  }

  /** The model's languages this detector tells apart. */
  public List<String> languages() {
    return new ArrayList<>(codes.values());
  }

  private static Language latinLanguage(String code) {
    for (Language language : Language.values()) {
      if (language == Language.UNKNOWN) {
        continue;
      }
      String iso = language.getIsoCode639_1().toString().toLowerCase(Locale.ROOT);
      if (iso.equals(code) && !OTHER_SCRIPTS.contains(code)) {
        return language;
      }
    }
    return null;
  }
}
