package io.supertonic.engine.text;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Picks a language from the writing system for {@code lang: "auto"}: clients such as Open WebUI
 * cannot send a language per request, and Korean read with English rules is gibberish. Only scripts
 * that name one supported language decide (Hangul, kana, Arabic, Devanagari, Greek; Cyrillic by its
 * Ukrainian-only letters, else Russian; Latin with Vietnamese-only letters); anything else, other
 * Latin included, gets the fallback.
 */
public final class LanguageGuesser {
  /** The first characters are enough to tell the script, and long inputs stay cheap. */
  static final int SAMPLE_CHARS = 400;

  public static final String AUTO = "auto";

  private enum Vote {
    KO,
    JA,
    AR,
    HI,
    EL,
    RU,
    UK,
    VI,
    LATIN
  }

  private LanguageGuesser() {}

  /** A supported language for {@code text} by its script, or {@code fallback}. */
  public static String guess(CharSequence text, List<String> supported, String fallback) {
    return guess(text, supported, fallback, null);
  }

  /**
   * As {@link #guess(CharSequence, List, String)}, and Latin-script text that no script-specific
   * letter decides goes to {@code latin} (German, French, Polish, ...); null keeps the fallback.
   */
  public static String guess(
      CharSequence text,
      List<String> supported,
      String fallback,
      LatinLanguageDetector latinDetector) {
    Map<Vote, Integer> votes = new EnumMap<>(Vote.class);
    int end = Math.min(text.length(), SAMPLE_CHARS);
    for (int i = 0; i < end; i++) {
      Vote vote = vote(text.charAt(i));
      if (vote != null) {
        votes.merge(vote, 1, Integer::sum);
      }
    }
    if (votes.containsKey(Vote.UK)) {
      return pick("uk", supported, fallback);
    }
    if (votes.containsKey(Vote.VI)) {
      return pick("vi", supported, fallback);
    }
    if (votes.containsKey(Vote.JA)) {
      // Kana is only Japanese; Han characters alone would be Chinese, which no model speaks.
      return pick("ja", supported, fallback);
    }
    int latin = votes.getOrDefault(Vote.LATIN, 0);
    votes.remove(Vote.LATIN);
    Vote top = null;
    for (Map.Entry<Vote, Integer> e : votes.entrySet()) {
      if (top == null || e.getValue() > votes.get(top)) {
        top = e.getKey();
      }
    }
    // Latin words inside other scripts (names, brands) are common; a fifth of the letters decides.
    if (top == null || votes.get(top) * 4 < latin) {
      if (latinDetector != null && latin > 0) {
        return latinDetector.detect(text).filter(supported::contains).orElse(fallback);
      }
      return fallback;
    }
    return pick(top.name().toLowerCase(java.util.Locale.ROOT), supported, fallback);
  }

  private static String pick(String lang, List<String> supported, String fallback) {
    return supported.contains(lang) ? lang : fallback;
  }

  private static Vote vote(char c) {
    Character.UnicodeScript script;
    try {
      script = Character.UnicodeScript.of(c);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return switch (script) {
      case HANGUL -> Vote.KO;
      case HIRAGANA, KATAKANA -> Vote.JA;
      case ARABIC -> Vote.AR;
      case DEVANAGARI -> Vote.HI;
      case GREEK -> Vote.EL;
      case CYRILLIC -> "іїєґІЇЄҐ".indexOf(c) >= 0 ? Vote.UK : Vote.RU;
      case LATIN -> isVietnameseOnly(c) ? Vote.VI : Vote.LATIN;
      default -> null;
    };
  }

  /**
   * ơ, ư and the stacked tone letters of Latin Extended Additional (ạ, ấ, ồ, ...) are Vietnamese; ă
   * (Romanian) and đ (Croatian) are not decisive.
   */
  private static boolean isVietnameseOnly(char c) {
    return "ơưƠƯ".indexOf(c) >= 0 || (c >= '\u1EA0' && c <= '\u1EF9');
  }
}
