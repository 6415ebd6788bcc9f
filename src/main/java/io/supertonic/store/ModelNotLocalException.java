package io.supertonic.store;

import java.nio.file.Path;
import java.util.List;

/**
 * The model is not (completely) on disk and may not or cannot be downloaded: the usual first start
 * without network. Carries what a front end needs to explain the ways forward.
 */
public final class ModelNotLocalException extends ModelUnavailableException {
  private final ModelRequest request;
  private final Path dir;
  private final List<String> missing;
  private final String networkFailure;

  /**
   * @param networkFailure why the hub could not be reached; null when {@code --offline} forbade it
   */
  ModelNotLocalException(
      ModelRequest request,
      Path dir,
      List<String> missing,
      String networkFailure,
      Throwable cause) {
    super(describe(request, dir, missing, networkFailure), cause);
    this.request = request;
    this.dir = dir;
    this.missing = List.copyOf(missing);
    this.networkFailure = networkFailure;
  }

  private static String describe(
      ModelRequest request, Path dir, List<String> missing, String networkFailure) {
    return "Model "
        + request.variant().id()
        + " is incomplete in "
        + dir
        + " (missing: "
        + String.join(", ", missing)
        + ") and "
        + (networkFailure == null ? "--offline forbids downloading" : networkFailure);
  }

  public ModelRequest request() {
    return request;
  }

  public Path dir() {
    return dir;
  }

  public List<String> missing() {
    return missing;
  }

  /** True when {@code --offline} forbade the download, false when the network failed. */
  public boolean offline() {
    return networkFailure == null;
  }

  /** Why the hub could not be reached, e.g. "Cannot reach https://... (connection refused)". */
  public String networkFailure() {
    return networkFailure;
  }
}
