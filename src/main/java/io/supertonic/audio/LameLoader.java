package io.supertonic.audio;

import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Finds the system's LAME library under the names it has on Linux and macOS. */
final class LameLoader {

  /** Names tried in order: JNA's own lookup, the Debian soname, then Homebrew/MacPorts paths. */
  static final List<String> DEFAULT_NAMES =
      List.of(
          "mp3lame",
          "libmp3lame.so.0",
          "libmp3lame.dylib",
          "/opt/homebrew/lib/libmp3lame.dylib",
          "/usr/local/lib/libmp3lame.dylib",
          "/opt/local/lib/libmp3lame.dylib");

  /** Either the loaded library or why none of the names could be loaded. */
  record Result(LameLibrary library, String failure) {
    boolean loaded() {
      return library != null;
    }
  }

  private final List<String> names;
  private final Function<String, LameLibrary> binder;

  LameLoader(List<String> names, Function<String, LameLibrary> binder) {
    this.names = List.copyOf(names);
    this.binder = binder;
  }

  /** The loader the server uses: the default names, bound through JNA. */
  static LameLoader system() {
    return new LameLoader(DEFAULT_NAMES, LameLoader::bindWithJna);
  }

  /** Loader for the given names only; tests use a bogus name to prove the missing path. */
  static LameLoader forNames(List<String> names) {
    return new LameLoader(names, LameLoader::bindWithJna);
  }

  Result load() {
    List<String> errors = new ArrayList<>();
    for (String name : names) {
      try {
        LameLibrary lib = binder.apply(name);
        // Touch a symbol so a library that loads but is not LAME fails here, not mid-request.
        lib.get_lame_version();
        return new Result(lib, null);
      } catch (UnsatisfiedLinkError | RuntimeException e) {
        errors.add(name + ": " + e.getMessage());
      }
    }
    return new Result(null, String.join("; ", errors));
  }

  private static LameLibrary bindWithJna(String name) {
    return Native.load(name, LameLibrary.class);
  }
}
