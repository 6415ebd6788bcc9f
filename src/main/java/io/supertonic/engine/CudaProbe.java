package io.supertonic.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells, in microseconds and without loading anything, whether this Linux machine could run the
 * CUDA execution provider at all: it needs NVIDIA's driver library {@code libcuda.so.1}. Asking
 * ONNX Runtime instead loads its 400 MB CUDA provider library only to fail (about 5 s at every
 * start on a CPU-only machine), so {@code --device auto} asks here first; {@code --device cuda}
 * still tries ONNX Runtime, for the exact error.
 */
final class CudaProbe {
  static final String DRIVER = "libcuda.so.1";

  /** Where distributions, the CUDA toolkit, WSL and the NVIDIA container runtime put it. */
  private static final List<String> KNOWN_DIRS =
      List.of(
          "/usr/lib/x86_64-linux-gnu",
          "/usr/lib/aarch64-linux-gnu",
          "/usr/lib64",
          "/usr/lib",
          "/usr/local/cuda/lib64",
          "/usr/local/cuda/compat",
          "/usr/local/nvidia/lib64",
          "/usr/lib/wsl/lib");

  private CudaProbe() {}

  /**
   * Where the driver library was found, or empty when it is certainly absent. Off Linux there is no
   * cheap check, so the answer is "maybe" (a placeholder) and ONNX Runtime decides.
   */
  static Optional<String> driver() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return Optional.of("(not Linux: not probed)");
    }
    List<Path> dirs = new ArrayList<>();
    String ldPath = System.getenv("LD_LIBRARY_PATH");
    if (ldPath != null) {
      for (String d : ldPath.split(":")) {
        if (!d.isBlank()) {
          dirs.add(Path.of(d));
        }
      }
    }
    KNOWN_DIRS.forEach(d -> dirs.add(Path.of(d)));
    return find(dirs, Path.of("/etc/ld.so.cache"));
  }

  /** The first directory holding the driver, else the loader cache if it names it. */
  static Optional<String> find(List<Path> dirs, Path loaderCache) {
    for (Path dir : dirs) {
      Path candidate = dir.resolve(DRIVER);
      if (Files.exists(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    try {
      if (Files.isRegularFile(loaderCache)) {
        // The cache is binary, but library names are stored as plain NUL-terminated strings.
        String cache = new String(Files.readAllBytes(loaderCache), StandardCharsets.ISO_8859_1);
        if (cache.contains(DRIVER)) {
          return Optional.of(loaderCache + " lists " + DRIVER);
        }
      }
    } catch (IOException e) {
      return Optional.of("(loader cache unreadable: not probed)");
    }
    return Optional.empty();
  }
}
