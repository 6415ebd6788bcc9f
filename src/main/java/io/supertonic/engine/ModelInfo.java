package io.supertonic.engine;

import java.util.List;

/**
 * What a loaded model offers, for health checks, listings and logs.
 *
 * @param model the variant id, e.g. {@code supertonic-3}
 * @param providers the ONNX Runtime execution providers actually in use, e.g. [CPU]
 */
public record ModelInfo(
    String model,
    int sampleRate,
    List<String> languages,
    List<String> voices,
    List<String> providers) {

  /** ONNX Runtime's CPU provider as {@link #providers} names it: always there, last. */
  public static final String CPU_PROVIDER = "CPU";

  /** Whether a provider other than the CPU (CUDA, CoreML) runs the model. */
  public boolean accelerated() {
    return providers.stream().anyMatch(p -> !CPU_PROVIDER.equals(p));
  }
}
