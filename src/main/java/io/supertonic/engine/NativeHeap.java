package io.supertonic.engine;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the memory that native code has freed back to the system, through glibc's {@code
 * malloc_trim}. Loading a model frees a lot: ONNX Runtime reads each graph's weights, pre-packs the
 * matrix-multiply weights into copies laid out for its kernels and frees the originals, 200-300
 * MB with the real model's size. glibc keeps such freed memory in its arenas, so without a trim the
 * server starts with that much more resident memory than it uses (docs/BENCHMARKS.md, "Session
 * options"). Elsewhere (macOS, musl) there is no {@code malloc_trim} and this does nothing.
 */
final class NativeHeap {
  private static final Logger LOG = LoggerFactory.getLogger(NativeHeap.class);

  private NativeHeap() {}

  /** Returns true if glibc gave memory back, false if it had none to give or there is no glibc. */
  static boolean trim() {
    if (!Platform.isLinux()) {
      return false;
    }
    try {
      Function trim = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("malloc_trim");
      return trim.invokeInt(new Object[] {0}) == 1;
    } catch (UnsatisfiedLinkError e) {
      LOG.debug("No malloc_trim in this C library (not glibc): {}", e.getMessage());
      return false;
    }
  }
}
