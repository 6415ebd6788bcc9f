package io.supertonic.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide ONNX Runtime environment, initialised safely. Loading the native runtime (the
 * GPU build especially) needs more than the JVM's default 1-2 MB thread stack and crashes the whole
 * process with SIGSEGV on a small-stack thread, so the first initialisation runs on a thread with a
 * big stack. ORT's own logger is set to FATAL: every failure it would log also comes back as an
 * OrtException, which we report once, in our words (e.g. the expected "CUDA libraries missing" on a
 * CPU machine).
 */
final class OrtRuntime {
  private static final long INIT_STACK_BYTES = 32L << 20;

  private OrtRuntime() {}

  static OrtEnvironment environment() {
    return Holder.ENV;
  }

  private static final class Holder {
    static final OrtEnvironment ENV = initialise();
  }

  private static OrtEnvironment initialise() {
    NativeLibraryCache.install();
    AtomicReference<Object> outcome = new AtomicReference<>();
    Thread init =
        new Thread(
            null,
            () -> {
              try {
                outcome.set(
                    OrtEnvironment.getEnvironment(
                        OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL, "supertonic"));
              } catch (Throwable t) {
                outcome.set(t);
              }
            },
            "onnxruntime-init",
            INIT_STACK_BYTES);
    init.start();
    try {
      init.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while loading ONNX Runtime", e);
    }
    Object result = outcome.get();
    if (result instanceof OrtEnvironment env) {
      return env;
    }
    throw new IllegalStateException("Cannot load ONNX Runtime: " + result, (Throwable) result);
  }
}
