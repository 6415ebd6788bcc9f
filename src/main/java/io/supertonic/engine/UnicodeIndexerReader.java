package io.supertonic.engine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads unicode_indexer.json: a 65,536-entry array mapping a UTF-16 code unit to a token id (-1 =
 * unknown).
 */
public final class UnicodeIndexerReader {
  public static final int SIZE = 65_536;

  private UnicodeIndexerReader() {}

  public static int[] read(Path file) throws ModelLoadException {
    JsonArray array;
    try {
      array = new JsonArray(Files.readString(file));
    } catch (IOException e) {
      throw new ModelLoadException(
          "Cannot read unicode indexer " + file + ": " + e.getMessage(), e);
    } catch (DecodeException | ClassCastException e) {
      throw new ModelLoadException(
          "Unicode indexer " + file + " is not a JSON array: " + e.getMessage(), e);
    }
    if (array.size() != SIZE) {
      throw new ModelLoadException(
          "Unicode indexer " + file + " has " + array.size() + " entries, expected " + SIZE);
    }
    int[] table = new int[SIZE];
    for (int i = 0; i < SIZE; i++) {
      Object v = array.getValue(i);
      if (!(v instanceof Number n) || n.intValue() < -1) {
        throw new ModelLoadException(
            "Unicode indexer " + file + ": entry " + i + " must be an integer >= -1, got " + v);
      }
      table[i] = n.intValue();
    }
    return table;
  }
}
