package io.supertonic.audio;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Binds a system library through JNA under the first of several names that loads. */
final class NativeLibraries {
  private NativeLibraries() {}

  /** Either the bound library or why none of the names could be loaded. */
  record Loaded<T>(T library, String failure) {
    boolean ok() {
      return library != null;
    }
  }

  /**
   * @param probe touches a symbol, so a library that loads but is the wrong one fails here, not
   *     mid-request
   */
  static <T extends Library> Loaded<T> load(Class<T> type, List<String> names, Consumer<T> probe) {
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      try {
        T library = Native.load(name, type);
        probe.accept(library);
        return new Loaded<>(library, null);
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        errors.add(name + ": " + e.getMessage());
      }
    }
    return new Loaded<>(null, String.join("; ", errors));
  }
}
