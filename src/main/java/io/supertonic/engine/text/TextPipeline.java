package io.supertonic.engine.text;

import io.supertonic.text.SafeText;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelVariant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Text to model input: validation, chunking, upstream preprocessing and indexing.
 *
 * <p>Flow per request: {@link SentenceSplitter} (raw sentences, lazily) → {@link
 * TextNormalizer#clean} → {@link ChunkPacker} (≤ 300 characters, ≤ 120 for ko/ja, first chunk ≤
 * {@value #FIRST_CHUNK_TARGET} / {@value #FIRST_CHUNK_TARGET_CJK}) → {@link TextNormalizer#finish}
 * (NFKD, unknown characters, punctuation, final period, {@code <lang>} wrapper for v2/v3) → {@link
 * UnicodeIndexer#encode}. Chunks with nothing speakable (only symbols) are skipped. See {@link
 * TextNormalizer} for the unknown-character rule and {@link ExpressionTags} for {@code
 * <laugh>}-style tags. Instances are immutable and thread-safe; each {@link #chunks} iterator is
 * single-threaded.
 */
public final class TextPipeline {
  /** Upstream chunk limit in characters. */
  public static final int MAX_CHUNK = 300;

  /** Upstream chunk limit for Korean and Japanese. */
  public static final int MAX_CHUNK_CJK = 120;

  /** The first chunk is packed only up to this many characters, for a low time to first audio. */
  public static final int FIRST_CHUNK_TARGET = 80;

  public static final int FIRST_CHUNK_TARGET_CJK = 40;

  private final ModelVariant variant;
  private final UnicodeIndexer indexer;
  private final ExpressionTags tags;
  private final TextNormalizer normalizer;
  // Lingua's models take seconds and ~45 MB to load: loaded once, off the event loop, on demand.
  private final Object latinLoadLock = new Object();
  private volatile LatinLanguageDetector latinDetector;
  private volatile boolean latinLoaded;

  /**
   * Pronunciation lexicons, changed at run time (see {@link Lexicons}); applied before chunking.
   */
  private final Lexicons lexicons = new Lexicons();

  /**
   * @param indexer the 65,536-entry code-unit to token table from unicode_indexer.json (-1 =
   *     unknown)
   */
  public TextPipeline(ModelVariant variant, int[] indexer) {
    this.variant = variant;
    this.indexer = new UnicodeIndexer(indexer);
    this.tags = ExpressionTags.forVariant(variant);
    this.normalizer = new TextNormalizer(this.indexer, tags);
    requireStructuralCharacters();
  }

  /** The pronunciation lexicons this pipeline applies; update them in place. */
  public Lexicons lexicons() {
    return lexicons;
  }

  /** Languages this model accepts, e.g. 31 codes plus {@code na} for supertonic-3. */
  public List<String> languages() {
    return variant.languages();
  }

  /**
   * Loads the detector that tells this model's Latin-script languages apart (for {@code lang:
   * auto}); blocking, idempotent. Call it off the event loop.
   */
  public void loadLatinDetector() {
    synchronized (latinLoadLock) {
      if (!latinLoaded) {
        latinDetector = LatinLanguageDetector.forLanguages(languages()).orElse(null);
        latinLoaded = true;
      }
    }
  }

  /** Whether {@link #loadLatinDetector()} has run (the detector may still be null: nothing to tell). */
  public boolean latinDetectorLoaded() {
    return latinLoaded;
  }

  /** The Latin-script detector once {@link #loadLatinDetector()} has run; null before (or none). */
  public LatinLanguageDetector latinDetectorIfLoaded() {
    return latinDetector;
  }

  /** Expression tag names this model accepts inline as {@code <name>}; empty before v3. */
  public List<String> expressionTags() {
    return tags.names().stream().sorted().toList();
  }

  /**
   * Validates text and language (throwing {@link io.supertonic.engine.InvalidRequestException} with
   * param {@code input} or {@code lang}) and returns the chunks lazily: the first is ready before
   * the rest of a long text is processed.
   */
  public Iterator<TextChunk> chunks(String text, String lang) {
    return chunks((CharSequence) text, lang);
  }

  /**
   * As {@link #chunks(String, String)}; reads {@code text} only as far as the chunks taken need.
   */
  Iterator<TextChunk> chunks(CharSequence text, String lang) {
    if (lang == null || !variant.languages().contains(lang)) {
      throw new InvalidRequestException(
          "lang",
          "invalid_language",
          "Unsupported language '"
              + SafeText.of(lang)
              + "' for model "
              + variant.id()
              + "; lang must be one of: "
              + String.join(", ", variant.languages()));
    }
    if (text == null || isBlank(text)) {
      throw new InvalidRequestException(
          "input",
          "empty_input",
          "input must contain text to speak; it is empty or only whitespace");
    }
    if (lexicons.get(lang).isPresent()) {
      text = lexicons.apply(lang, text.toString());
    }
    boolean cjk = lang.equals("ko") || lang.equals("ja");
    // One character is kept free for the period that finish() may append.
    int limit = (cjk ? MAX_CHUNK_CJK : MAX_CHUNK) - 1;
    int firstTarget = cjk ? FIRST_CHUNK_TARGET_CJK : FIRST_CHUNK_TARGET;
    ChunkPacker bodies =
        new ChunkPacker(new SentenceSplitter(text), normalizer, tags, limit, firstTarget);
    ChunkIterator chunks = new ChunkIterator(bodies, variant.wrapsLanguageTags() ? lang : null);
    if (!chunks.hasNext()) {
      throw new InvalidRequestException(
          "input",
          "empty_input",
          "input has nothing to speak after normalization (emoji and symbols are removed)");
    }
    return chunks;
  }

  private static boolean isBlank(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private void requireStructuralCharacters() {
    StringBuilder needed = new StringBuilder(". ");
    if (variant.wrapsLanguageTags()) {
      needed.append("</>");
      variant.languages().forEach(needed::append);
    }
    for (int i = 0; i < needed.length(); i++) {
      if (!indexer.knows(needed.charAt(i))) {
        throw new IllegalArgumentException(
            String.format(
                "unicode indexer for %s lacks U+%04X '%c', which preprocessing inserts",
                variant.id(), (int) needed.charAt(i), needed.charAt(i)));
      }
    }
  }

  /** Finishes and indexes chunk bodies, skipping those with nothing to say. */
  private final class ChunkIterator implements Iterator<TextChunk> {
    private final Iterator<String> bodies;
    private final String wrapLang;
    private TextChunk next;
    private int index;

    ChunkIterator(Iterator<String> bodies, String wrapLang) {
      this.bodies = bodies;
      this.wrapLang = wrapLang;
    }

    @Override
    public boolean hasNext() {
      while (next == null && bodies.hasNext()) {
        String body = bodies.next();
        if (normalizer.isSpeakable(body)) {
          String finished = normalizer.finish(body, wrapLang);
          next = new TextChunk(index++, finished, indexer.encode(finished));
        }
      }
      return next != null;
    }

    @Override
    public TextChunk next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      TextChunk chunk = next;
      next = null;
      return chunk;
    }
  }
}
