package io.supertonic.engine.text;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pronunciation lexicons of a node, by language. Replaced as a whole on every change, so a
 * synthesis sees one consistent version; safe to read from any thread while another updates it.
 */
public final class Lexicons {
  private volatile Map<String, Lexicon> byLang = Map.of();

  /** Applies the language's lexicon, if there is one. */
  public String apply(String lang, String text) {
    Lexicon lexicon = byLang.get(lang);
    return lexicon == null ? text : lexicon.apply(text);
  }

  public Optional<Lexicon> get(String lang) {
    return Optional.ofNullable(byLang.get(lang));
  }

  /** A copy of every lexicon, by language. */
  public Map<String, Lexicon> all() {
    return byLang;
  }

  /** Sets (or, with null, removes) one language's lexicon. */
  public synchronized void put(String lang, Lexicon lexicon) {
    Map<String, Lexicon> next = new TreeMap<>(byLang);
    if (lexicon == null || lexicon.entries().isEmpty()) {
      next.remove(lang);
    } else {
      next.put(lang, lexicon);
    }
    byLang = Map.copyOf(next);
  }

  /** Replaces every lexicon at once (a snapshot from another node). */
  public synchronized void replaceAll(Map<String, Lexicon> lexicons) {
    byLang = Map.copyOf(lexicons);
  }
}
