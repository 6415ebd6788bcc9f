package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Asking for an accelerator the machine lacks still gives a working engine: one warning, CPU in
 * use. (On a machine with CUDA the provider is used and no warning is logged; the test accepts
 * both.)
 */
class DeviceFallbackTest {
  @TempDir Path dir;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ExecutionProviders.class);

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  @Test
  void cudaRequestedFallsBackToCpuWithOneWarning() throws Exception {
    Path model = TinyModelFixture.write(dir);
    try (SupertonicEngine engine =
        SupertonicEngine.load(
            new EngineOptions(model, ModelVariant.SUPERTONIC_3, Device.CUDA, 1, 1, null))) {
      List<String> providers = engine.info().providers();
      assertEquals("CPU", providers.get(providers.size() - 1));
      long warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
      if (providers.contains("CUDA")) {
        assertEquals(0, warnings);
      } else {
        assertEquals(List.of("CPU"), providers);
        assertEquals(1, warnings, logs.list.toString());
        assertTrue(
            logs.list.get(0).getFormattedMessage().contains("cuda"),
            logs.list.get(0).getFormattedMessage());
      }
      assertTrue(
          TinyModelFixture.synthesize(engine, TinyModelFixture.params("Still speaking.", "F1", 1))
                  .length
              > 0);
    }
  }

  @Test
  void cpuRequestedTriesNoAccelerator() throws Exception {
    Path model = TinyModelFixture.write(dir);
    try (SupertonicEngine engine =
        SupertonicEngine.load(
            new EngineOptions(model, ModelVariant.SUPERTONIC_3, Device.CPU, 0, 0, null))) {
      assertEquals(List.of("CPU"), engine.info().providers());
      assertEquals(0, logs.list.size());
    }
  }
}
