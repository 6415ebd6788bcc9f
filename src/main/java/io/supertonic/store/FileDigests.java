package io.supertonic.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Checksums of files on disk, in the forms the hub publishes. */
final class FileDigests {
  private FileDigests() {}

  static String sha256(Path file) throws IOException {
    return digest(file, "SHA-256", null);
  }

  /** Git's blob id ({@code sha1("blob <size>\0" + content)}): the hub's oid for non-LFS files. */
  static String gitBlobSha1(Path file) throws IOException {
    return digest(
        file, "SHA-1", ("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
  }

  private static String digest(Path file, String algorithm, byte[] prefix) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available in this JVM", e);
    }
    if (prefix != null) {
      md.update(prefix);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
