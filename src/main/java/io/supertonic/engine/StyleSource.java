package io.supertonic.engine;

import ai.onnxruntime.OrtException;

/**
 * Where a job's style tensors come from: a loaded voice's, shared by every run, or a blend's, made
 * for each chunk from the mixed floats and closed right after (a few microseconds of copying, and
 * nothing to leak when a job is abandoned half-way).
 */
final class StyleSource {
  interface Use<T> {
    T apply(StyleTensors style) throws OrtException;
  }

  private final StyleTensors shared;
  private final VoiceStyle mixed;

  private StyleSource(StyleTensors shared, VoiceStyle mixed) {
    this.shared = shared;
    this.mixed = mixed;
  }

  static StyleSource shared(StyleTensors tensors) {
    return new StyleSource(tensors, null);
  }

  static StyleSource mixed(VoiceStyle style) {
    return new StyleSource(null, style);
  }

  /** The style_ttl floats of one row, for building a batch tensor. */
  float[] ttl() {
    return shared != null ? floats(shared.ttl()) : mixed.ttl();
  }

  /** The style_dp floats of one row. */
  float[] dp() {
    return shared != null ? floats(shared.dp()) : mixed.dp();
  }

  private static float[] floats(ai.onnxruntime.OnnxTensor tensor) {
    java.nio.FloatBuffer buffer = tensor.getFloatBuffer();
    float[] out = new float[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  <T> T with(Use<T> use) throws OrtException {
    if (shared != null) {
      return use.apply(shared);
    }
    try (StyleTensors own = StyleTensors.of(OrtRuntime.environment(), mixed)) {
      return use.apply(own);
    }
  }
}
