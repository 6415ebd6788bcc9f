package io.supertonic.store;

import io.supertonic.engine.ModelVariant;
import java.util.ArrayList;
import java.util.List;

/** The files a model directory must hold, in the Hugging Face repository layout. */
public final class ModelLayout {
  public static final List<String> ONNX_FILES =
      List.of(
          "onnx/duration_predictor.onnx",
          "onnx/text_encoder.onnx",
          "onnx/vector_estimator.onnx",
          "onnx/vocoder.onnx",
          "onnx/tts.json",
          "onnx/unicode_indexer.json");

  private static final List<String> TEN_VOICES =
      List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5");
  // v1 launched with four styles (the upstream examples and iOS app list M1/M2/F1/F2); six more
  // were
  // added to its repository later, so only the first four can be relied on at any revision.
  private static final List<String> V1_VOICES = List.of("F1", "F2", "M1", "M2");

  private ModelLayout() {}

  /** Voice style names every revision of the variant is known to ship. */
  public static List<String> requiredVoices(ModelVariant variant) {
    return variant == ModelVariant.SUPERTONIC ? V1_VOICES : TEN_VOICES;
  }

  /** Repository paths that must exist locally before the engine can load the variant. */
  public static List<String> requiredFiles(ModelVariant variant) {
    List<String> files = new ArrayList<>(ONNX_FILES);
    for (String voice : requiredVoices(variant)) {
      files.add("voice_styles/" + voice + ".json");
    }
    return List.copyOf(files);
  }
}
