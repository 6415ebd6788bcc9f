package io.supertonic.engine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Parses a voice style JSON file ({@code style_ttl} and {@code style_dp}, each with {@code dims}
 * and {@code data}, data nested or flat) and checks it against the shapes the model expects.
 */
public final class VoiceStyleReader {
  private final long[] expectedTtl;
  private final long[] expectedDp;

  /**
   * @param expectedTtl the style_ttl shape the model takes, e.g. [1, 50, 256]; -1 accepts any size
   *     there
   * @param expectedDp the style_dp shape the model takes, e.g. [1, 8, 16]
   */
  public VoiceStyleReader(long[] expectedTtl, long[] expectedDp) {
    this.expectedTtl = expectedTtl.clone();
    this.expectedDp = expectedDp.clone();
  }

  /** Reads {@code file}; the voice id is the file name without {@code .json}. */
  public VoiceStyle read(Path file) throws ModelLoadException {
    String name = file.getFileName().toString();
    String id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    JsonObject json;
    try {
      json = new JsonObject(Files.readString(file));
    } catch (IOException e) {
      throw new ModelLoadException("Cannot read voice style " + file + ": " + e.getMessage(), e);
    } catch (DecodeException | ClassCastException e) {
      throw new ModelLoadException(
          "Voice style " + file + " is not a JSON object: " + e.getMessage(), e);
    }
    return parse(id, json, file.toString());
  }

  /**
   * Checks a voice style already parsed as JSON (an upload) against the model's shapes.
   *
   * @param source names the style in error messages
   */
  public VoiceStyle parse(String id, JsonObject json, String source) throws ModelLoadException {
    Tensor ttl = tensor(json, "style_ttl", expectedTtl, source);
    Tensor dp = tensor(json, "style_dp", expectedDp, source);
    return new VoiceStyle(id, ttl.data, ttl.dims, dp.data, dp.dims);
  }

  private record Tensor(long[] dims, float[] data) {}

  private static Tensor tensor(JsonObject json, String field, long[] expected, String file)
      throws ModelLoadException {
    Object node = json.getValue(field);
    if (!(node instanceof JsonObject obj)) {
      throw new ModelLoadException("Voice style " + file + ": missing object '" + field + "'");
    }
    String type = obj.getString("type", "float32");
    if (!"float32".equals(type)) {
      throw new ModelLoadException(
          "Voice style " + file + ": '" + field + ".type' is '" + type + "', expected float32");
    }
    Object dimsNode = obj.getValue("dims");
    if (!(dimsNode instanceof JsonArray dimsArray)) {
      throw new ModelLoadException("Voice style " + file + ": missing array '" + field + ".dims'");
    }
    long[] dims = new long[dimsArray.size()];
    for (int i = 0; i < dims.length; i++) {
      Object d = dimsArray.getValue(i);
      if (!(d instanceof Number n) || n.longValue() <= 0) {
        throw new ModelLoadException(
            "Voice style "
                + file
                + ": '"
                + field
                + ".dims' must hold positive integers, got "
                + dimsArray);
      }
      dims[i] = n.longValue();
    }
    if (!matches(dims, expected)) {
      throw new ModelLoadException(
          "Voice style "
              + file
              + ": '"
              + field
              + ".dims' is "
              + Arrays.toString(dims)
              + ", the model expects "
              + describe(expected));
    }
    long count = Arrays.stream(dims).reduce(1, Math::multiplyExact);
    Object dataNode = obj.getValue("data");
    if (!(dataNode instanceof JsonArray dataArray)) {
      throw new ModelLoadException("Voice style " + file + ": missing array '" + field + ".data'");
    }
    FloatCollector values = new FloatCollector((int) count);
    if (!values.flatten(dataArray)) {
      throw new ModelLoadException(
          "Voice style " + file + ": '" + field + ".data' must contain only numbers");
    }
    if (values.size != count) {
      throw new ModelLoadException(
          "Voice style "
              + file
              + ": '"
              + field
              + ".data' has "
              + values.size
              + " values, dims "
              + Arrays.toString(dims)
              + " need "
              + count);
    }
    return new Tensor(dims, values.data);
  }

  private static boolean matches(long[] dims, long[] expected) {
    if (dims.length != expected.length) {
      return false;
    }
    for (int i = 0; i < dims.length; i++) {
      if (expected[i] > 0 && dims[i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static String describe(long[] expected) {
    return Arrays.toString(
        Arrays.stream(expected).mapToObj(d -> d > 0 ? Long.toString(d) : "any").toArray());
  }

  /**
   * Collects nested numbers in row-major order, stopping early once more values than expected
   * appear.
   */
  private static final class FloatCollector {
    final float[] data;
    int size;

    FloatCollector(int capacity) {
      data = new float[capacity];
    }

    boolean flatten(JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        Object v = array.getValue(i);
        if (v instanceof JsonArray nested) {
          if (!flatten(nested)) {
            return false;
          }
        } else if (v instanceof Number n) {
          if (size < data.length) {
            data[size] = n.floatValue();
          }
          size++;
        } else {
          return false;
        }
      }
      return true;
    }
  }
}
