package io.supertonic.engine.text;

import io.supertonic.engine.ModelVariant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Supertonic-3 inline expression tags such as {@code <laugh>}.
 *
 * <p>What upstream does: the v3 README advertises "10 inline tags (e.g. {@code <laugh>}, {@code
 * <breath>}, {@code <sigh>})" written in angle brackets. The v3 reference preprocessing
 * (py/helper.py, commit 49084b2) leaves {@code <} and {@code >} alone, so a tag reaches the model
 * as its literal characters; both are in the v3 vocabulary while {@code [} and {@code ]} are not
 * (upstream maps square brackets to spaces). The full list is undocumented; the community list in
 * supertone-oss-archive/supertonic issue #155 (from the Hugging Face supertonic-3 discussion #6) is
 * {@code laugh breath surprise sigh scream throatclear sad angry cough yawn}.
 *
 * <p>What we do (v3 only): a supported tag written {@code <laugh>}, {@code <Laugh>} or, as many
 * OpenAI-style clients write tags, {@code [laugh]} becomes the canonical {@code <laugh>}. Anything
 * else in square brackets keeps the upstream treatment (brackets become spaces, the words are
 * read); other angle-bracket text is left as upstream leaves it. Tags contain no spaces or sentence
 * punctuation, and the chunker never cuts inside a {@code <...>} span, so a tag always stays whole.
 * For v1/v2, which have no tags, nothing is rewritten.
 */
public final class ExpressionTags {
  /** Community-documented Supertonic-3 tags (see class comment for the source). */
  public static final List<String> SUPERTONIC3_TAGS =
      List.of(
          "laugh",
          "breath",
          "surprise",
          "sigh",
          "scream",
          "throatclear",
          "sad",
          "angry",
          "cough",
          "yawn");

  private static final Pattern CANDIDATE = Pattern.compile("[<\\[]\\s*([A-Za-z]+)\\s*[>\\]]");
  private static final Pattern CANONICAL = Pattern.compile("<([a-z]+)>");

  private final Set<String> names;

  private ExpressionTags(Set<String> names) {
    this.names = names;
  }

  public static ExpressionTags forVariant(ModelVariant variant) {
    return new ExpressionTags(
        variant == ModelVariant.SUPERTONIC_3 ? Set.copyOf(SUPERTONIC3_TAGS) : Set.of());
  }

  /** Supported tag names, e.g. {@code laugh}; empty for models without tags. */
  public Set<String> names() {
    return names;
  }

  /** Rewrites every spelling of a supported tag to {@code <name>}; other text is untouched. */
  public String canonicalize(String text) {
    if (names.isEmpty() || (text.indexOf('<') < 0 && text.indexOf('[') < 0)) {
      return text;
    }
    Matcher m = CANDIDATE.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      boolean matchingBrackets =
          (text.charAt(m.start()) == '<') == (text.charAt(m.end() - 1) == '>');
      String replacement = names.contains(name) && matchingBrackets ? "<" + name + ">" : m.group();
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** True when the text holds at least one canonical supported tag (a tag alone is speakable). */
  public boolean containsTag(String text) {
    return !spans(text).isEmpty();
  }

  /** [start, end) offsets of canonical supported tags, in order. */
  public List<int[]> spans(String text) {
    List<int[]> spans = new ArrayList<>();
    if (names.isEmpty() || text.indexOf('<') < 0) {
      return spans;
    }
    Matcher m = CANONICAL.matcher(text);
    while (m.find()) {
      if (names.contains(m.group(1))) {
        spans.add(new int[] {m.start(), m.end()});
      }
    }
    return spans;
  }
}
