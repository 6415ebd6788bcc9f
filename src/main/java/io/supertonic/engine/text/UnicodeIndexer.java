package io.supertonic.engine.text;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model's character vocabulary: {@code unicode_indexer.json} maps each UTF-16 code unit (the
 * array index) to a token id, or -1 when the model never saw that character.
 *
 * <p>Use {@link #load(Path)} / {@link #read(InputStream, String)} to get the raw table that {@link
 * TextPipeline} takes.
 */
public final class UnicodeIndexer {
  /** One entry per UTF-16 code unit, as upstream indexes with {@code uint16} values. */
  public static final int SIZE = 65_536;

  private final int[] table;

  public UnicodeIndexer(int[] table) {
    if (table == null || table.length != SIZE) {
      throw new IllegalArgumentException(
          "unicode indexer must have "
              + SIZE
              + " entries, got "
              + (table == null ? "null" : table.length));
    }
    this.table = table.clone(); // callers keep their array; ours must not change under us
  }

  /** Reads {@code unicode_indexer.json} from disk. */
  public static int[] load(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Parses an indexer JSON array.
   *
   * @param source names the file in error messages
   * @throws IllegalArgumentException when the content is not an array of 65,536 integers >= -1
   */
  public static int[] read(InputStream in, String source) throws IOException {
    String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    JsonArray array;
    try {
      array = new JsonArray(json);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException(
          source + ": expected a JSON array of " + SIZE + " integers: " + e.getMessage(), e);
    }
    if (array.size() != SIZE) {
      throw new IllegalArgumentException(
          source
              + ": expected "
              + SIZE
              + " entries (one per UTF-16 code unit), found "
              + array.size());
    }
    int[] table = new int[SIZE];
    for (int i = 0; i < SIZE; i++) {
      Object value = array.getValue(i);
      if (!(value instanceof Number number)
          || number.intValue() < -1
          || number.doubleValue() != number.intValue()) {
        throw new IllegalArgumentException(
            source + ": entry " + i + " must be an integer >= -1 (-1 = unknown), found " + value);
      }
      table[i] = number.intValue();
    }
    return table;
  }

  /** True when the model has a token for this code point (supplementary code points never do). */
  public boolean knows(int codePoint) {
    return codePoint >= 0 && codePoint < SIZE && table[codePoint] >= 0;
  }

  /** True when every UTF-16 unit of {@code text} has a token. */
  public boolean knowsAll(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (table[text.charAt(i)] < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Token ids of each UTF-16 unit.
   *
   * @throws IllegalArgumentException naming the first unknown character; callers are expected to
   *     have removed them (see {@link TextNormalizer})
   */
  public long[] encode(String text) {
    long[] ids = new long[text.length()];
    for (int i = 0; i < ids.length; i++) {
      char c = text.charAt(i);
      int id = table[c];
      if (id < 0) {
        throw new IllegalArgumentException(
            String.format(
                "character U+%04X at offset %d is not in the model's vocabulary", (int) c, i));
      }
      ids[i] = id;
    }
    return ids;
  }
}
