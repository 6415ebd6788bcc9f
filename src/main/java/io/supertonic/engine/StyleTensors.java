package io.supertonic.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.nio.FloatBuffer;

/**
 * A voice's style tensors, created once and shared read-only by every run (ONNX Runtime only reads
 * inputs), so no request pays for copying 13,000 floats into native memory.
 */
record StyleTensors(OnnxTensor ttl, OnnxTensor dp) implements AutoCloseable {

  static StyleTensors of(OrtEnvironment env, VoiceStyle style) throws OrtException {
    OnnxTensor ttl = OnnxTensor.createTensor(env, FloatBuffer.wrap(style.ttl()), style.ttlShape());
    try {
      return new StyleTensors(
          ttl, OnnxTensor.createTensor(env, FloatBuffer.wrap(style.dp()), style.dpShape()));
    } catch (OrtException | RuntimeException e) {
      ttl.close();
      throw e;
    }
  }

  @Override
  public void close() {
    ttl.close();
    dp.close();
  }
}
