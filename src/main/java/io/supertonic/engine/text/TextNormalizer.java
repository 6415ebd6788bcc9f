package io.supertonic.engine.text;

import java.text.Normalizer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstream text preprocessing ({@code UnicodeProcessor._preprocess_text} of the v3 py/helper.py),
 * split in two phases so the chunker can measure lengths between them.
 *
 * <p>{@link #clean} works on one sentence: compatibility normalization, expression-tag
 * canonicalization ({@link ExpressionTags}), emoji removal, dash/quote/symbol replacements, dropped
 * symbols, {@code @}/e.g./i.e. expansion, whitespace collapse. It uses NFKC so lengths match what a
 * reader counts (a Hangul syllable is one character, as in upstream's chunking of raw text).
 *
 * <p>{@link #finish} works on one packed chunk: NFKD (the form the vocabulary is built on), the
 * unknown-character rule, upstream punctuation spacing, quote de-duplication, whitespace collapse,
 * the final-period rule and the {@code <lang>...</lang>} wrapper when the model wants it.
 *
 * <p>Unknown-character rule (a character whose indexer entry is -1 never reaches the model):
 * whitespace becomes a space; a combining mark is dropped (the base letter stays, i.e. accent
 * folding); another dash becomes {@code -}; another opening/closing quote becomes {@code "};
 * another opening/closing bracket becomes {@code (}/{@code )}; anything else (and any replacement
 * the model does not know either) is dropped with a DEBUG log naming the code point.
 */
public final class TextNormalizer {
  private static final Logger LOG = LoggerFactory.getLogger(TextNormalizer.class);

  private static final Pattern EMOJI =
      Pattern.compile(
          "[\\x{1F300}-\\x{1F6FF}\\x{1F700}-\\x{1FAFF}\\x{2600}-\\x{27BF}\\x{1F1E6}-\\x{1F1FF}]+");
  private static final Pattern DROPPED_SYMBOLS = Pattern.compile("[♥☆♡©\\\\]");
  private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile(" ([,.!?;:'])");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern ENDS_WELL = Pattern.compile("[.!?;:,'\"')\\]}…。」』】〉》›»]$");

  private final UnicodeIndexer indexer;
  private final ExpressionTags tags;

  public TextNormalizer(UnicodeIndexer indexer, ExpressionTags tags) {
    this.indexer = indexer;
    this.tags = tags;
  }

  /** Phase 1 on a sentence; returns "" when nothing is left (e.g. only emoji). */
  public String clean(String sentence) {
    String text = Normalizer.normalize(sentence, Normalizer.Form.NFKC);
    text = tags.canonicalize(text);
    text = EMOJI.matcher(text).replaceAll("");
    text = replaceSymbols(text);
    text = DROPPED_SYMBOLS.matcher(text).replaceAll("");
    text =
        text.replace("@", " at ").replace("e.g.,", "for example, ").replace("i.e.,", "that is, ");
    return WHITESPACE.matcher(text).replaceAll(" ").strip();
  }

  /** Phase 2 on a chunk built from {@link #clean} output; {@code lang} null means no wrapper. */
  public String finish(String chunk, String lang) {
    String text = Normalizer.normalize(chunk, Normalizer.Form.NFKD);
    text = replaceUnknown(text);
    text = SPACE_BEFORE_PUNCT.matcher(text).replaceAll("$1");
    text = collapseRepeats(text, '"');
    text = collapseRepeats(text, '\'');
    text = WHITESPACE.matcher(text).replaceAll(" ").strip();
    if (!ENDS_WELL.matcher(text).find()) {
      text += ".";
    }
    return lang == null ? text : "<" + lang + ">" + text + "</" + lang + ">";
  }

  /** True when the cleaned text has something to say: a letter, a digit or an expression tag. */
  public boolean isSpeakable(String cleaned) {
    for (int i = 0; i < cleaned.length(); ) {
      int cp = cleaned.codePointAt(i);
      if (Character.isLetterOrDigit(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return tags.containsTag(cleaned);
  }

  private static String replaceSymbols(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '–', '‑', '—' -> out.append('-');
        case '\u201c', '\u201d' -> out.append('"');
        case '\u2018', '\u2019', '´', '`' -> out.append('\'');
        case '_', '[', ']', '|', '/', '#', '→', '←' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String collapseRepeats(String text, char quote) {
    String twice = String.valueOf(quote) + quote;
    while (text.contains(twice)) {
      text = text.replace(twice, String.valueOf(quote));
    }
    return text;
  }

  private String replaceUnknown(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int width = Character.charCount(cp);
      if (!indexer.knows(cp)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        char substitute = substituteFor(cp);
        if (substitute != 0 && indexer.knows(substitute)) {
          out.append(substitute);
        } else if (LOG.isDebugEnabled() && !isCombiningMark(cp)) {
          LOG.debug(
              "Dropping U+{} ({}): not in the model's vocabulary",
              String.format("%04X", cp),
              Character.getName(cp));
        }
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i += width;
    }
    return out == null ? text : out.toString();
  }

  /** The fallback character for an unknown code point, or 0 to drop it. */
  private static char substituteFor(int cp) {
    if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
      return ' ';
    }
    return switch (Character.getType(cp)) {
      case Character.DASH_PUNCTUATION -> '-';
      case Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION -> '"';
      case Character.START_PUNCTUATION -> '(';
      case Character.END_PUNCTUATION -> ')';
      default -> 0;
    };
  }

  private static boolean isCombiningMark(int cp) {
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.COMBINING_SPACING_MARK;
  }
}
