package io.supertonic.engine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sizes the runtime needs from a model's tts.json.
 *
 * @param baseChunkSize samples produced per latent sub-frame ({@code ae.base_chunk_size})
 * @param chunkCompressFactor sub-frames folded into one latent frame ({@code
 *     ttl.chunk_compress_factor})
 * @param latentDim channels per sub-frame ({@code ttl.latent_dim})
 */
public record ModelConfig(
    int sampleRate, int baseChunkSize, int chunkCompressFactor, int latentDim) {

  /** Channels of the latent the vector estimator and vocoder see (144 for Supertonic). */
  public int latentChannels() {
    return latentDim * chunkCompressFactor;
  }

  /** Audio samples per latent frame (3072 for Supertonic). */
  public int samplesPerLatentFrame() {
    return baseChunkSize * chunkCompressFactor;
  }

  public static ModelConfig read(Path ttsJson) throws ModelLoadException {
    String text;
    try {
      text = Files.readString(ttsJson);
    } catch (IOException e) {
      throw new ModelLoadException(
          "Cannot read model config " + ttsJson + ": " + e.getMessage(), e);
    }
    try {
      return parse(new JsonObject(text), ttsJson.toString());
    } catch (DecodeException e) {
      throw new ModelLoadException(
          "Model config " + ttsJson + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  public static ModelConfig parse(JsonObject json, String source) throws ModelLoadException {
    return new ModelConfig(
        positiveInt(json, "ae", "sample_rate", source),
        positiveInt(json, "ae", "base_chunk_size", source),
        positiveInt(json, "ttl", "chunk_compress_factor", source),
        positiveInt(json, "ttl", "latent_dim", source));
  }

  private static int positiveInt(JsonObject json, String section, String field, String source)
      throws ModelLoadException {
    Object sectionValue = json.getValue(section);
    if (!(sectionValue instanceof JsonObject obj)) {
      throw new ModelLoadException("Model config " + source + " has no object '" + section + "'");
    }
    Object value = obj.getValue(field);
    if (!(value instanceof Number n) || n.intValue() <= 0 || n.doubleValue() != n.intValue()) {
      throw new ModelLoadException(
          "Model config "
              + source
              + ": '"
              + section
              + "."
              + field
              + "' must be a positive integer, got "
              + value);
    }
    return n.intValue();
  }
}
