package io.supertonic.engine.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the real Supertonic-3 indexer from the classpath once per test JVM. */
final class TestIndexer {
  private static final String RESOURCE = "model/supertonic3/unicode_indexer.json";
  private static int[] table;

  private TestIndexer() {}

  static synchronized int[] supertonic3() {
    if (table == null) {
      try (InputStream in = TestIndexer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        table = UnicodeIndexer.read(in, RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return table.clone();
  }
}
