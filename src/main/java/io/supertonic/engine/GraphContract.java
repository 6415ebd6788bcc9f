package io.supertonic.engine;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The input/output signature one Supertonic graph must have: names, element types and shapes where
 * a dimension of 0 means "any" (batch, text length, latent length).
 */
record GraphContract(String file, List<Port> inputs, List<Port> outputs) {

  record Port(String name, OnnxJavaType type, long... dims) {
    String describe() {
      return name
          + " "
          + type.name().toLowerCase()
          + Arrays.toString(
              Arrays.stream(dims).mapToObj(d -> d > 0 ? Long.toString(d) : "?").toArray());
    }
  }

  static GraphContract durationPredictor() {
    return new GraphContract(
        "duration_predictor.onnx",
        List.of(
            new Port("text_ids", OnnxJavaType.INT64, 0, 0),
            new Port("style_dp", OnnxJavaType.FLOAT, 0, 8, 16),
            new Port("text_mask", OnnxJavaType.FLOAT, 0, 1, 0)),
        List.of(new Port("duration", OnnxJavaType.FLOAT, 0)));
  }

  static GraphContract textEncoder() {
    return new GraphContract(
        "text_encoder.onnx",
        List.of(
            new Port("text_ids", OnnxJavaType.INT64, 0, 0),
            new Port("style_ttl", OnnxJavaType.FLOAT, 0, 50, 256),
            new Port("text_mask", OnnxJavaType.FLOAT, 0, 1, 0)),
        List.of(new Port("text_emb", OnnxJavaType.FLOAT, 0, 256, 0)));
  }

  static GraphContract vectorEstimator(ModelConfig config) {
    long c = config.latentChannels();
    return new GraphContract(
        "vector_estimator.onnx",
        List.of(
            new Port("noisy_latent", OnnxJavaType.FLOAT, 0, c, 0),
            new Port("text_emb", OnnxJavaType.FLOAT, 0, 256, 0),
            new Port("style_ttl", OnnxJavaType.FLOAT, 0, 50, 256),
            new Port("text_mask", OnnxJavaType.FLOAT, 0, 1, 0),
            new Port("latent_mask", OnnxJavaType.FLOAT, 0, 1, 0),
            new Port("current_step", OnnxJavaType.FLOAT, 0),
            new Port("total_step", OnnxJavaType.FLOAT, 0)),
        List.of(new Port("denoised_latent", OnnxJavaType.FLOAT, 0, c, 0)));
  }

  static GraphContract vocoder(ModelConfig config) {
    return new GraphContract(
        "vocoder.onnx",
        List.of(new Port("latent", OnnxJavaType.FLOAT, 0, config.latentChannels(), 0)),
        List.of(new Port("wav_tts", OnnxJavaType.FLOAT, 0, 0)));
  }

  /** Lists every way the session differs from this contract; empty when it conforms. */
  List<String> mismatches(OrtSession session) throws OrtException {
    List<String> problems = new ArrayList<>();
    Map<String, NodeInfo> actualInputs = session.getInputInfo();
    compare("input", inputs, actualInputs, problems);
    TreeSet<String> extra = new TreeSet<>(actualInputs.keySet());
    inputs.forEach(p -> extra.remove(p.name()));
    if (!extra.isEmpty()) {
      problems.add("unexpected inputs " + extra);
    }
    compare("output", outputs, session.getOutputInfo(), problems);
    return problems;
  }

  private static void compare(
      String kind, List<Port> expected, Map<String, NodeInfo> actual, List<String> problems) {
    for (Port port : expected) {
      NodeInfo node = actual.get(port.name());
      if (node == null) {
        problems.add(
            "missing "
                + kind
                + " '"
                + port.name()
                + "' (has "
                + new TreeSet<>(actual.keySet())
                + ")");
        continue;
      }
      if (!(node.getInfo() instanceof TensorInfo info)) {
        problems.add(kind + " '" + port.name() + "' is not a tensor, expected " + port.describe());
        continue;
      }
      long[] shape = info.getShape();
      boolean typeOk = info.type == port.type();
      boolean rankOk = shape.length == port.dims().length;
      boolean dimsOk = rankOk;
      for (int i = 0; rankOk && i < shape.length; i++) {
        if (port.dims()[i] > 0 && shape[i] > 0 && shape[i] != port.dims()[i]) {
          dimsOk = false;
        }
      }
      if (!typeOk || !dimsOk) {
        problems.add(
            kind
                + " '"
                + port.name()
                + "' is "
                + info.type.name().toLowerCase()
                + Arrays.toString(shape)
                + ", expected "
                + port.describe());
      }
    }
  }
}
