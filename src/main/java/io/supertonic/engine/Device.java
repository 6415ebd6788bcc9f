package io.supertonic.engine;

import java.util.Locale;

/** Requested execution provider; {@link #AUTO} tries CUDA, then CoreML, then CPU. */
public enum Device {
  AUTO,
  CPU,
  CUDA,
  COREML;

  public static Device parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown device '" + value + "'; expected auto, cpu, cuda or coreml");
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
