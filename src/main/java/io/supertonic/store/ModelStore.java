package io.supertonic.store;

import java.nio.file.Path;

/** Makes sure a complete model directory exists locally, downloading what is missing. */
public final class ModelStore {

  /**
   * Returns the model directory, complete and verified; downloads missing files unless offline.
   *
   * @throws ModelUnavailableException naming the missing files and the command to fetch them
   */
  public Path ensure(ModelRequest request) throws ModelUnavailableException {
    throw new UnsupportedOperationException("TODO store");
  }
}
