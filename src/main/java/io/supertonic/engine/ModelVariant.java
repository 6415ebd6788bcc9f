package io.supertonic.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The published Supertonic model families, their Hugging Face repositories and language sets. */
public enum ModelVariant {
  SUPERTONIC("supertonic", "Supertone/supertonic", "supertonic", false, List.of("en")),
  SUPERTONIC_2(
      "supertonic-2",
      "Supertone/supertonic-2",
      "supertonic2",
      true,
      List.of("en", "ko", "es", "pt", "fr")),
  SUPERTONIC_3(
      "supertonic-3",
      "Supertone/supertonic-3",
      "supertonic3",
      true,
      List.of(
          "en", "ko", "ja", "ar", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "hi", "hr",
          "hu", "id", "it", "lt", "lv", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sv", "tr", "uk",
          "vi", "na"));

  private final String id;
  private final String defaultRepo;
  private final String cacheDirName;
  private final boolean wrapsLanguageTags;
  private final List<String> languages;

  ModelVariant(
      String id,
      String defaultRepo,
      String cacheDirName,
      boolean wrapsLanguageTags,
      List<String> languages) {
    this.id = id;
    this.defaultRepo = defaultRepo;
    this.cacheDirName = cacheDirName;
    this.wrapsLanguageTags = wrapsLanguageTags;
    this.languages = languages;
  }

  /** The name used on the command line and in API responses, e.g. {@code supertonic-3}. */
  public String id() {
    return id;
  }

  /** Hugging Face repository id of the official weights. */
  public String defaultRepo() {
    return defaultRepo;
  }

  /**
   * Directory name under {@code ~/.cache}; v3 matches the Python server's {@code
   * ~/.cache/supertonic3}.
   */
  public String cacheDirName() {
    return cacheDirName;
  }

  /**
   * v2 and v3 expect the text wrapped as {@code <lang>text</lang>}; v1 is English-only and
   * unwrapped.
   */
  public boolean wrapsLanguageTags() {
    return wrapsLanguageTags;
  }

  /** Accepted language codes, in the upstream order. */
  public List<String> languages() {
    return languages;
  }

  public static ModelVariant fromId(String id) {
    String wanted = id.trim().toLowerCase(Locale.ROOT);
    for (ModelVariant v : values()) {
      if (v.id.equals(wanted)) {
        return v;
      }
    }
    throw new IllegalArgumentException(
        "Unknown model '"
            + id
            + "'; expected one of "
            + Arrays.stream(values()).map(ModelVariant::id).collect(Collectors.joining(", ")));
  }
}
