package io.supertonic.engine;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks ONNX Runtime's native libraries once into a cache directory and points ONNX Runtime at it
 * ({@code onnxruntime.native.path}), instead of the runtime's default of copying them into a fresh
 * temporary directory in every process (31 MB for the core library, plus 583 MB for the CUDA
 * provider when it is used; left behind in /tmp whenever a process is killed).
 *
 * <p>The directory is {@code $SUPERTONIC_NATIVE_CACHE} or {@code
 * ~/.cache/supertonic-server/native}, then one sub-directory per runtime jar (its name and size),
 * so an upgrade never loads stale libraries. Filling it is atomic (a private temporary directory
 * renamed into place), so concurrent first starts are safe. The CUDA and TensorRT providers are
 * unpacked only where the NVIDIA driver exists. {@code SUPERTONIC_NATIVE_CACHE=off} (or an explicit
 * {@code -Donnxruntime.native.path}) leaves ONNX Runtime's own behaviour.
 */
final class NativeLibraryCache {
  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraryCache.class);
  static final String ORT_PATH_PROPERTY = "onnxruntime.native.path";
  static final String ENV = "SUPERTONIC_NATIVE_CACHE";
  private static final String COMPLETE = ".complete";

  private NativeLibraryCache() {}

  /** Sets {@code onnxruntime.native.path} to a filled cache, unless disabled or impossible. */
  static void install() {
    if (System.getProperty(ORT_PATH_PROPERTY) != null) {
      return;
    }
    String setting = System.getenv(ENV);
    if (setting != null && setting.equalsIgnoreCase("off")) {
      return;
    }
    Path root =
        setting != null && !setting.isBlank()
            ? Path.of(setting)
            : Path.of(System.getProperty("user.home"), ".cache", "supertonic-server", "native");
    try {
      Optional<Path> dir = fill(root, CudaProbe.driver().isPresent());
      dir.ifPresent(d -> System.setProperty(ORT_PATH_PROPERTY, d.toString()));
    } catch (IOException | RuntimeException e) {
      // Not fatal: ONNX Runtime unpacks into a temporary directory as it always did.
      LOG.warn("Cannot cache ONNX Runtime's native libraries under {}: {}", root, e.toString());
    }
  }

  /**
   * The cache directory for the runtime jar on the class path, filled if needed; empty when the
   * runtime is not loaded from a jar or has no natives for this platform.
   */
  static Optional<Path> fill(Path root, boolean withAccelerators) throws IOException {
    Optional<Path> jar = runtimeJar();
    String platform = platform();
    if (jar.isEmpty() || platform == null) {
      return Optional.empty();
    }
    String prefix = "ai/onnxruntime/native/" + platform + "/";
    String key =
        jar.get().getFileName().toString().replaceAll("\\.jar$", "")
            + "-"
            + Files.size(jar.get())
            + "-"
            + platform
            + (withAccelerators ? "-gpu" : "-cpu");
    Path dir = root.resolve(key);
    if (Files.exists(dir.resolve(COMPLETE))) {
      return Optional.of(dir);
    }
    Files.createDirectories(root);
    Path staging = Files.createTempDirectory(root, key + ".tmp-");
    try (JarFile file = new JarFile(jar.get().toFile())) {
      int extracted = 0;
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (entry.isDirectory()
            || !name.startsWith(prefix)
            || name.substring(prefix.length()).contains("/")) {
          continue;
        }
        String lib = name.substring(prefix.length());
        if (!withAccelerators
            && (lib.contains("providers_cuda") || lib.contains("providers_tensorrt"))) {
          continue;
        }
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, staging.resolve(lib));
        }
        extracted++;
      }
      if (extracted == 0) {
        return Optional.empty();
      }
      Files.writeString(staging.resolve(COMPLETE), jar.get().toString());
      try {
        Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        LOG.info("Unpacked ONNX Runtime's native libraries once into {}", dir);
      } catch (FileSystemException e) {
        // Another process filled it first (rename(2) onto a non-empty directory fails with
        // ENOTEMPTY, which Java reports as a plain FileSystemException); use theirs.
        if (!Files.exists(dir.resolve(COMPLETE))) {
          throw e;
        }
      }
      return Optional.of(dir);
    } finally {
      deleteQuietly(staging);
    }
  }

  private static Optional<Path> runtimeJar() {
    try {
      CodeSource source = ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? Optional.of(path)
          : Optional.empty();
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** ONNX Runtime's name for this platform's native directory, or null when unknown. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String a =
        switch (arch) {
          case "amd64", "x86_64", "x64" -> "x64";
          case "aarch64", "arm64" -> "aarch64";
          default -> null;
        };
    if (a == null) {
      return null;
    }
    if (os.contains("linux")) {
      return "linux-" + a;
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return "osx-" + a;
    }
    if (os.contains("win")) {
      return "win-" + a;
    }
    return null;
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not remove {}", dir, e);
    }
  }
}
