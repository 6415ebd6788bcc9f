package io.supertonic.engine;

import java.nio.file.Path;

/**
 * How to load a model directory (Hugging Face layout: onnx/*.onnx, onnx/tts.json,
 * onnx/unicode_indexer.json, voice_styles/*.json).
 *
 * @param extraVoicesDir optional directory of additional voice style JSON files; null for none
 * @param intraThreads ONNX intra-op threads, 0 lets ONNX Runtime decide
 * @param interThreads ONNX inter-op threads, 0 lets ONNX Runtime decide
 */
public record EngineOptions(
    Path modelDir,
    ModelVariant variant,
    Device device,
    int intraThreads,
    int interThreads,
    Path extraVoicesDir) {

  public static EngineOptions cpu(Path modelDir) {
    return new EngineOptions(modelDir, ModelVariant.SUPERTONIC_3, Device.CPU, 0, 0, null);
  }
}
