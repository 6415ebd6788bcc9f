package io.supertonic.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of API keys, held only as SHA-256 digests. A presented key is hashed and
 * compared with every digest in constant time ({@link MessageDigest#isEqual}), so neither the
 * position of a matching key nor the length of a common prefix shows in the timing.
 */
public final class ApiKeys {
  private static final int FINGERPRINT_HEX_CHARS = 8;

  private final List<byte[]> digests;
  private final List<String> fingerprints;

  private ApiKeys(List<byte[]> digests, List<String> fingerprints) {
    this.digests = digests;
    this.fingerprints = fingerprints;
  }

  public static ApiKeys none() {
    return new ApiKeys(List.of(), List.of());
  }

  /** Blank entries are ignored; surrounding whitespace is not part of a key. */
  public static ApiKeys of(Collection<String> keys) {
    LinkedHashSet<String> distinct = new LinkedHashSet<>();
    for (String key : keys) {
      if (key != null && !key.isBlank()) {
        distinct.add(key.strip());
      }
    }
    List<byte[]> digests = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    for (String key : distinct) {
      byte[] digest = sha256(key);
      digests.add(digest);
      fingerprints.add(fingerprintOf(digest));
    }
    return new ApiKeys(List.copyOf(digests), List.copyOf(fingerprints));
  }

  public int size() {
    return digests.size();
  }

  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /** True when {@code presented} is one of the keys. */
  public boolean isValid(String presented) {
    return match(presented).isPresent();
  }

  /**
   * The fingerprint of the key {@code presented} matches, or empty. Every digest is compared, so
   * the time taken does not depend on which key matched.
   */
  public Optional<String> match(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented.strip());
    String found = null;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), digest) && found == null) {
        found = fingerprints.get(i);
      }
    }
    return Optional.ofNullable(found);
  }

  /** The keys' fingerprints, safe to log. */
  public List<String> fingerprints() {
    return fingerprints;
  }

  /** At most the first few fingerprints, for a log line that stays short with many keys. */
  public static String summary(List<String> fingerprints) {
    int shown = 10;
    return fingerprints.size() <= shown
        ? fingerprints.toString()
        : fingerprints.subList(0, shown) + " and " + (fingerprints.size() - shown) + " more";
  }

  /** A short SHA-256 prefix that identifies a key in logs and metrics without revealing it. */
  public static String fingerprint(String key) {
    return fingerprintOf(sha256(key.strip()));
  }

  private static String fingerprintOf(byte[] digest) {
    return "sha256:" + HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX_CHARS);
  }

  private static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
