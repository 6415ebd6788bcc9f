package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class CudaProbeTest {
  @TempDir Path dir;

  @Test
  void findsTheDriverInALibraryDirectory() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("lib"));
    Files.writeString(lib.resolve("libcuda.so.1"), "");
    assertEquals(
        Optional.of(lib.resolve("libcuda.so.1").toString()),
        CudaProbe.find(List.of(dir.resolve("missing"), lib), dir.resolve("no-cache")));
  }

  @Test
  void findsTheDriverThroughTheLoaderCache() throws Exception {
    Path cache = dir.resolve("ld.so.cache");
    Files.write(cache, "glibc-ld.so.cache1.1\0libcuda.so.1\0/usr/lib/x/libcuda.so.1\0".getBytes());
    assertTrue(CudaProbe.find(List.of(dir), cache).isPresent());
  }

  @Test
  void absentWhenNeitherHasIt() throws Exception {
    Path cache = dir.resolve("ld.so.cache");
    Files.write(cache, "glibc-ld.so.cache1.1\0libc.so.6\0".getBytes());
    assertEquals(Optional.empty(), CudaProbe.find(List.of(dir), cache));
  }

  /**
   * Auto on a machine without the driver goes straight to CPU: no CUDA attempt, so no warning (the
   * one-warning fallback stays for an explicit --device cuda, see DeviceFallbackTest).
   */
  @Test
  void autoWithoutTheDriverDoesNotTryCuda() throws Exception {
    if (CudaProbe.driver().isPresent()) {
      return; // a CUDA machine: auto rightly tries CUDA there
    }
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(ExecutionProviders.class);
    logs.start();
    logger.addAppender(logs);
    try (SupertonicEngine engine =
        SupertonicEngine.load(
            new EngineOptions(
                TinyModelFixture.write(dir), ModelVariant.SUPERTONIC_3, Device.AUTO, 1, 1, null))) {
      assertEquals(List.of("CPU"), engine.info().providers());
      assertEquals(
          0,
          logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count(),
          logs.list.toString());
      assertTrue(
          logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("not trying CUDA")),
          logs.list.toString());
    } finally {
      logger.detachAppender(logs);
    }
  }
}
