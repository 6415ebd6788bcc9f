package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.onnxruntime.OrtException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The session options the engine opens its graphs with (docs/BENCHMARKS.md, "Session options"). */
class ExecutionProvidersTest {
  private static final String DISABLE_PREPACKING = "session.disable_prepacking";

  private static Map<String, String> cpuOptions() throws OrtException {
    try (var options = ExecutionProviders.configure(Device.CPU, 2, 0).options()) {
      return Map.copyOf(options.getConfigEntries());
    }
  }

  @Test
  void weightPrePackingIsOnAndSpinningOffByDefault() throws OrtException {
    Map<String, String> entries = cpuOptions();
    assertFalse(entries.containsKey(DISABLE_PREPACKING), entries.toString());
    assertEquals("0", entries.get("session.intra_op.allow_spinning"));
  }

  @Test
  void prePackingCanBeTurnedOff() throws OrtException {
    String before = System.getProperty(ExecutionProviders.PREPACKING_PROPERTY);
    System.setProperty(ExecutionProviders.PREPACKING_PROPERTY, "false");
    try {
      assertEquals("1", cpuOptions().get(DISABLE_PREPACKING));
    } finally {
      if (before == null) {
        System.clearProperty(ExecutionProviders.PREPACKING_PROPERTY);
      } else {
        System.setProperty(ExecutionProviders.PREPACKING_PROPERTY, before);
      }
    }
  }
}
