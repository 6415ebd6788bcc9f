package io.supertonic.engine.text;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The pronunciation entries of one language, applied to a text in one pass: each entry, in order,
 * replaces its matches once. A respelling that contains its own trigger ("AI" → "A I, AI") is
 * therefore never expanded again; a later entry does see what earlier ones wrote.
 */
public final class Lexicon {
  public static final int MAX_ENTRIES = 5_000;

  private final List<LexiconEntry> entries;
  private final List<LexiconEntry.Compiled> compiled;

  /**
   * @throws IllegalArgumentException naming the first bad entry
   */
  public Lexicon(List<LexiconEntry> entries) {
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "a lexicon holds at most " + MAX_ENTRIES + " entries, got " + entries.size());
    }
    this.entries = List.copyOf(entries);
    List<LexiconEntry.Compiled> list = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      try {
        list.add(entries.get(i).compile());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entries[" + i + "]: " + e.getMessage(), e);
      }
    }
    this.compiled = List.copyOf(list);
  }

  public List<LexiconEntry> entries() {
    return entries;
  }

  public String apply(String text) {
    String out = text;
    for (LexiconEntry.Compiled entry : compiled) {
      out = entry.apply(out);
    }
    return out;
  }

  /** {@code {"entries": [{"word"|"regex", "say", "case_sensitive"?}, ...]}} */
  public JsonObject toJson() {
    JsonArray list = new JsonArray();
    entries.forEach(e -> list.add(e.toJson()));
    return new JsonObject().put("entries", list);
  }

  /**
   * @throws IllegalArgumentException with a message fit for a 400 answer
   */
  public static Lexicon fromJson(JsonObject j) {
    Object raw = j.getValue("entries");
    if (!(raw instanceof JsonArray array)) {
      throw new IllegalArgumentException("a lexicon is {\"entries\": [...]}");
    }
    List<LexiconEntry> entries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject entry)) {
        throw new IllegalArgumentException("entries[" + i + "] must be an object");
      }
      try {
        entries.add(LexiconEntry.fromJson(entry));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("entries[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new Lexicon(entries);
  }
}
