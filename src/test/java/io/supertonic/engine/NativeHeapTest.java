package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Native;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class NativeHeapTest {

  /**
   * Blocks under glibc's mmap threshold (128 KiB) come from its heap and stay there once freed, as
   * ONNX Runtime's freed weights do; the trim must find them and give them back.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void givesFreedHeapMemoryBackOnGlibc() {
    long[] blocks = new long[2_000];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = Native.malloc(64 * 1024);
      assertTrue(blocks[i] != 0, "malloc failed");
    }
    for (long block : blocks) {
      Native.free(block);
    }
    assertTrue(NativeHeap.trim(), "malloc_trim gave nothing back after 128 MB were freed");
  }
}
