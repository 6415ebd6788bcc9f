package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's natives are unpacked once per runtime jar and reused, also by racing processes. */
class NativeLibraryCacheTest {
  @TempDir Path root;

  @Test
  void unpacksOnceAndReusesTheDirectory() throws Exception {
    Optional<Path> first = NativeLibraryCache.fill(root, false);
    if (first.isEmpty()) {
      return; // the runtime is not on the class path as a jar with natives for this platform
    }
    Path dir = first.get();
    Path core = dir.resolve(System.mapLibraryName("onnxruntime"));
    assertTrue(Files.size(core) > 1_000_000, "the core library is there");
    assertTrue(Files.exists(dir.resolve(System.mapLibraryName("onnxruntime4j_jni"))));
    try (Stream<Path> files = Files.list(dir)) {
      assertFalse(
          files.anyMatch(f -> f.getFileName().toString().contains("providers_cuda")),
          "no CUDA provider where no driver is");
    }
    var stamp = Files.getLastModifiedTime(core);
    assertEquals(first, NativeLibraryCache.fill(root, false));
    assertEquals(stamp, Files.getLastModifiedTime(core), "reused, not unpacked again");
    try (Stream<Path> entries = Files.list(root)) {
      assertEquals(List.of(dir), entries.toList(), "no staging directory left behind");
    }
  }

  @Test
  void concurrentFirstStartsAgreeOnOneCompleteDirectory() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<Optional<Path>>> racing =
          List.of(
              pool.submit(() -> NativeLibraryCache.fill(root, false)),
              pool.submit(() -> NativeLibraryCache.fill(root, false)),
              pool.submit(() -> NativeLibraryCache.fill(root, false)));
      Optional<Path> first = racing.get(0).get(60, TimeUnit.SECONDS);
      for (Future<Optional<Path>> f : racing) {
        assertEquals(first, f.get(60, TimeUnit.SECONDS));
      }
      first.ifPresent(d -> assertTrue(Files.exists(d.resolve(".complete"))));
    } finally {
      pool.shutdownNow();
    }
  }
}
