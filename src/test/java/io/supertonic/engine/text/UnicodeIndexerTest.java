package io.supertonic.engine.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnicodeIndexerTest {
  @Test
  void realIndexerHasEntriesForEveryCodeUnit() {
    int[] table = TestIndexer.supertonic3();
    assertEquals(UnicodeIndexer.SIZE, table.length);
    assertEquals(8321, Arrays.stream(table).filter(id -> id >= 0).count());
    UnicodeIndexer indexer = new UnicodeIndexer(table);
    assertTrue(indexer.knows('<') && indexer.knows('>') && !indexer.knows('['));
    assertArrayEquals(new long[] {table['h'], table['i']}, indexer.encode("hi"));
  }

  @Test
  void loadsFromPath(@TempDir Path dir) throws Exception {
    int[] table = new int[UnicodeIndexer.SIZE];
    Arrays.fill(table, -1);
    table['a'] = 7;
    Path file = dir.resolve("unicode_indexer.json");
    Files.writeString(file, Arrays.toString(table));
    assertArrayEquals(table, UnicodeIndexer.load(file));
  }

  @Test
  void rejectsMalformedTablesNamingTheSource() {
    IllegalArgumentException wrongSize =
        assertThrows(IllegalArgumentException.class, () -> read("[1, 2, 3]"));
    assertTrue(
        wrongSize.getMessage().contains("x.json") && wrongSize.getMessage().contains("65536"));
    String notInt = "[\"a\"" + ", 0".repeat(UnicodeIndexer.SIZE - 1) + "]";
    IllegalArgumentException badEntry =
        assertThrows(IllegalArgumentException.class, () -> read(notInt));
    assertTrue(badEntry.getMessage().contains("entry 0"), badEntry.getMessage());
    assertThrows(IllegalArgumentException.class, () -> read("{\"not\": \"an array\"}"));
  }

  @Test
  void encodeRefusesUnknownCharacters() {
    UnicodeIndexer indexer = new UnicodeIndexer(TestIndexer.supertonic3());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> indexer.encode("a[b"));
    assertTrue(e.getMessage().contains("U+005B"), e.getMessage());
  }

  private static int[] read(String json) throws Exception {
    return UnicodeIndexer.read(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x.json");
  }
}
