package io.supertonic.engine;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds session options for a requested {@link Device}. Providers are tried in order (auto: CUDA,
 * then CoreML on macOS, then CPU); each one that cannot be added logs a single warning and is
 * skipped. ONNX Runtime lists CUDA as available in the GPU build even without CUDA libraries, so
 * only actually adding it tells; auto first checks that the NVIDIA driver exists at all, which
 * saves seconds on a CPU-only machine.
 */
final class ExecutionProviders {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionProviders.class);

  /**
   * System property enabling ONNX Runtime's busy-waiting intra-op threads. Off by default: spinning
   * threads burn the cores the event loop, the audio encoders and concurrent jobs need, and on a
   * busy 2-core machine measured 2x slower (docs/BENCHMARKS.md). On an idle dedicated box it may
   * gain a little latency.
   */
  static final String SPINNING_PROPERTY = "supertonic.onnx.spinning";

  /**
   * System property turning ONNX Runtime's CPU memory arena on or off (default on). The arena keeps
   * the peak of every allocation for reuse, which is fastest; off returns memory after each run.
   */
  static final String ARENA_PROPERTY = "supertonic.onnx.arena";

  /**
   * System property for ONNX Runtime's memory-pattern planning (default on). It pre-plans buffers
   * per input shape; our shapes change with every text, so it is measured rather than assumed.
   */
  static final String MEMORY_PATTERN_PROPERTY = "supertonic.onnx.mempattern";

  /**
   * System property for MLAS weight pre-packing (default on). Pre-packed MatMul weights made the
   * benchmark model 1.3-1.7x faster on an idle CPU; the originals it frees are given back to the
   * system after loading ({@link NativeHeap}), so it costs no resident memory (docs/BENCHMARKS.md,
   * "Session options").
   */
  static final String PREPACKING_PROPERTY = "supertonic.onnx.prepacking";

  /** System property for the graph optimization level: all (default), extended, basic, none. */
  static final String OPT_LEVEL_PROPERTY = "supertonic.onnx.optimization";

  private ExecutionProviders() {}

  /** Options plus the providers they enable, in priority order; CPU is always last. */
  record Configured(OrtSession.SessionOptions options, List<String> providers) {}

  static Configured configure(Device device, int intraThreads, int interThreads)
      throws OrtException {
    OrtSession.SessionOptions options = baseOptions(intraThreads, interThreads);
    List<String> providers = new ArrayList<>();
    for (Device candidate : candidates(device)) {
      if (tryAdd(options, candidate, device)) {
        providers.add(candidate == Device.CUDA ? "CUDA" : "CoreML");
      }
    }
    providers.add(ModelInfo.CPU_PROVIDER);
    return new Configured(options, List.copyOf(providers));
  }

  /**
   * Options with CPU only, for the retry when an accelerator was added but a session failed on it.
   */
  static Configured cpuOnly(int intraThreads, int interThreads) throws OrtException {
    return new Configured(baseOptions(intraThreads, interThreads), List.of(ModelInfo.CPU_PROVIDER));
  }

  private static OrtSession.SessionOptions baseOptions(int intraThreads, int interThreads)
      throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(optimizationLevel());
    options.setCPUArenaAllocator(flag(ARENA_PROPERTY, true));
    options.setMemoryPatternOptimization(flag(MEMORY_PATTERN_PROPERTY, true));
    if (!flag(PREPACKING_PROPERTY, true)) {
      options.addConfigEntry("session.disable_prepacking", "1");
    }
    options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
    if (intraThreads > 0) {
      options.setIntraOpNumThreads(intraThreads);
    }
    boolean spinning = Boolean.parseBoolean(System.getProperty(SPINNING_PROPERTY, "false"));
    options.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
    options.addConfigEntry("session.inter_op.allow_spinning", spinning ? "1" : "0");
    if (interThreads > 0) {
      options.setInterOpNumThreads(interThreads);
    }
    return options;
  }

  private static boolean flag(String property, boolean fallback) {
    String value = System.getProperty(property);
    return value == null ? fallback : Boolean.parseBoolean(value.trim());
  }

  private static OrtSession.SessionOptions.OptLevel optimizationLevel() {
    String value = System.getProperty(OPT_LEVEL_PROPERTY, "all").trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
      case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
      case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
      case "all" -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
      default ->
          throw new IllegalArgumentException(
              "-D" + OPT_LEVEL_PROPERTY + " must be none, basic, extended or all, got " + value);
    };
  }

  private static List<Device> candidates(Device device) {
    return switch (device) {
      case CPU -> List.of();
      case CUDA -> List.of(Device.CUDA);
      case COREML -> List.of(Device.COREML);
      case AUTO -> {
        List<Device> tried = new ArrayList<>();
        if (cudaPossible()) {
          tried.add(Device.CUDA);
        }
        if (isMac()) {
          tried.add(Device.COREML);
        }
        yield tried;
      }
    };
  }

  /** For auto: skip CUDA at once where its driver cannot be (see {@link CudaProbe}). */
  private static boolean cudaPossible() {
    java.util.Optional<String> driver = CudaProbe.driver();
    if (driver.isEmpty()) {
      LOG.info("device auto: no NVIDIA driver ({} not found), not trying CUDA", CudaProbe.DRIVER);
    } else {
      LOG.debug("device auto: NVIDIA driver at {}, trying CUDA", driver.get());
    }
    return driver.isPresent();
  }

  private static boolean tryAdd(
      OrtSession.SessionOptions options, Device provider, Device requested) {
    try {
      if (provider == Device.CUDA) {
        options.addCUDA(0);
      } else {
        options.addCoreML();
      }
      return true;
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
      String msg =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("");
      LOG.warn(
          "{} execution provider unavailable (device={}), falling back: {}",
          provider.id(),
          requested.id(),
          msg);
      return false;
    }
  }

  private static boolean isMac() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
  }
}
