package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  @Test
  void matchesOnlyTheConfiguredKeys() {
    ApiKeys keys = ApiKeys.of(List.of("alpha-key", " beta-key ", "", "alpha-key"));
    assertEquals(2, keys.size());
    assertTrue(keys.isValid("alpha-key"));
    assertTrue(keys.isValid("beta-key"));
    assertFalse(keys.isValid("alpha-ke"));
    assertFalse(keys.isValid("alpha-key2"));
    assertFalse(keys.isValid(""));
    assertFalse(keys.isValid(null));
    assertFalse(ApiKeys.none().isValid("alpha-key"));
  }

  @Test
  void fingerprintsIdentifyAKeyWithoutRevealingIt() {
    ApiKeys keys = ApiKeys.of(List.of("alpha-key"));
    String fingerprint = keys.match("alpha-key").orElseThrow();
    assertTrue(fingerprint.matches("sha256:[0-9a-f]{8}"), fingerprint);
    assertEquals(ApiKeys.fingerprint("alpha-key"), fingerprint);
    assertFalse(keys.fingerprints().toString().contains("alpha"));
  }

  @Test
  void logSummariesStayShort() {
    List<String> many = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "k" + i).toList();
    String summary = ApiKeys.summary(ApiKeys.of(many).fingerprints());
    assertTrue(summary.endsWith(" and 15 more"), summary);
    assertEquals("[]", ApiKeys.summary(List.of()));
  }

  @Test
  void keysFileLinesSkipCommentsAndBlanks() {
    assertEquals(
        List.of("k1", "k2"),
        ApiKeyStore.parse("# comment\r\nk1\n\n  k2  \n   # indented comment\n"));
  }

  @Test
  void listsComeAsJsonArraysOrCommaSeparated() {
    assertEquals(List.of("a", "b"), SecuritySettings.parseList("a, b,"));
    assertEquals(List.of("a", "b"), SecuritySettings.parseList("[\"a\",\"b\"]"));
    assertEquals(List.of(), SecuritySettings.parseList(null));
    assertEquals(Arrays.asList("x"), SecuritySettings.list(List.of("x")));
  }
}
