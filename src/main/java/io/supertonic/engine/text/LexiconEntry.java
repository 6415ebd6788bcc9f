package io.supertonic.engine.text;

import io.vertx.core.json.JsonObject;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One pronunciation rule: a whole word or a regular expression, and what to say instead. Words
 * match only as whole words (not inside a longer word); both kinds ignore case unless {@code
 * caseSensitive}. A regular expression's replacement may refer to its groups ({@code $1}).
 *
 * @param word the word to replace (null for a regex entry)
 * @param regex the regular expression to replace (null for a word entry)
 * @param say the respelling that is spoken instead
 */
public record LexiconEntry(String word, String regex, String say, boolean caseSensitive) {

  public static final int MAX_PATTERN_CHARS = 500;
  public static final int MAX_SAY_CHARS = 1000;

  /** Letters, digits and underscore continue a word; anything else bounds it. */
  private static final String WORD_START = "(?<![\\p{L}\\p{N}_])";

  private static final String WORD_END = "(?![\\p{L}\\p{N}_])";

  /**
   * Validates and compiles the entry.
   *
   * @throws IllegalArgumentException with a message fit for a 400 answer
   */
  public Compiled compile() {
    if ((word == null) == (regex == null)) {
      throw new IllegalArgumentException("each entry needs exactly one of \"word\" or \"regex\"");
    }
    String pattern = word != null ? word : regex;
    if (pattern.isEmpty() || pattern.length() > MAX_PATTERN_CHARS) {
      throw new IllegalArgumentException(
          "\""
              + (word != null ? "word" : "regex")
              + "\" must have 1.."
              + MAX_PATTERN_CHARS
              + " characters");
    }
    if (say == null || say.length() > MAX_SAY_CHARS) {
      throw new IllegalArgumentException(
          "each entry needs \"say\" (the respelling), up to " + MAX_SAY_CHARS + " characters");
    }
    int flags = caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    Pattern compiled;
    try {
      compiled =
          Pattern.compile(
              word != null ? WORD_START + Pattern.quote(word) + WORD_END : regex, flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("invalid regex " + regex + ": " + e.getDescription(), e);
    }
    if (compiled.matcher("").matches()) {
      throw new IllegalArgumentException(
          "regex " + regex + " matches the empty string; it would insert text everywhere");
    }
    String replacement = word != null ? Matcher.quoteReplacement(say) : say;
    if (regex != null) {
      if (hasUnknownGroup(replacement, compiled.matcher("").groupCount())) {
        throw new IllegalArgumentException(
            "replacement \"" + say + "\" refers to a group the regex " + regex + " does not have");
      }
    }
    return new Compiled(compiled, replacement);
  }

  private static boolean hasUnknownGroup(String replacement, int groups) {
    Matcher refs = Pattern.compile("(?<!\\\\)\\$(\\d)").matcher(replacement);
    while (refs.find()) {
      if (Integer.parseInt(refs.group(1)) > groups) {
        return true;
      }
    }
    return false;
  }

  /** A compiled entry, ready to apply. */
  public record Compiled(Pattern pattern, String replacement) {
    /** Replaces every match once; the replacement is never searched again by this entry. */
    String apply(String text) {
      try {
        return pattern.matcher(text).replaceAll(replacement);
      } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
        // A replacement naming a group the match lacks: say it literally rather than fail.
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
      }
    }
  }

  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (word != null) {
      j.put("word", word);
    } else {
      j.put("regex", regex);
    }
    j.put("say", say);
    if (caseSensitive) {
      j.put("case_sensitive", true);
    }
    return j;
  }

  /**
   * @throws IllegalArgumentException when a field has the wrong type
   */
  public static LexiconEntry fromJson(JsonObject j) {
    return new LexiconEntry(
        string(j, "word"), string(j, "regex"), string(j, "say"), bool(j, "case_sensitive"));
  }

  private static String string(JsonObject j, String field) {
    Object v = j.getValue(field);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException("\"" + field + "\" must be a string");
    }
    return (String) v;
  }

  private static boolean bool(JsonObject j, String field) {
    Object v = j.getValue(field);
    if (v != null && !(v instanceof Boolean)) {
      throw new IllegalArgumentException("\"" + field + "\" must be true or false");
    }
    return Boolean.TRUE.equals(v);
  }
}
