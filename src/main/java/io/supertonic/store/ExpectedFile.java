package io.supertonic.store;

import java.util.Locale;

/**
 * What a model file should look like once downloaded. Unknown facts are {@code -1} / {@code null}.
 *
 * @param path path inside the repository, e.g. {@code onnx/vocoder.onnx}
 * @param size length in bytes, or -1 when unknown
 * @param sha256 lower-case hex SHA-256 (LFS files), or null
 * @param gitBlobSha1 lower-case hex git blob id (small non-LFS files), or null
 */
public record ExpectedFile(String path, long size, String sha256, String gitBlobSha1) {

  public static ExpectedFile unknown(String path) {
    return new ExpectedFile(path, -1, null, null);
  }

  public boolean sizeKnown() {
    return size >= 0;
  }

  /**
   * Adds facts from another source; facts already known win, because the first source is the more
   * trusted one (pins before the hub's listing before response headers).
   */
  public ExpectedFile orElse(long otherSize, String otherSha256, String otherGitSha1) {
    return new ExpectedFile(
        path,
        sizeKnown() ? size : otherSize,
        sha256 != null ? sha256 : normalize(otherSha256),
        gitBlobSha1 != null ? gitBlobSha1 : normalize(otherGitSha1));
  }

  static String normalize(String hex) {
    return hex == null || hex.isBlank() ? null : hex.trim().toLowerCase(Locale.ROOT);
  }
}
