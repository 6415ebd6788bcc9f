package io.supertonic.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loaded voices by id, each parsed and validated once, with its tensors ready for inference.
 */
final class VoiceLibrary implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceLibrary.class);

  private final Map<String, StyleTensors> tensors;

  /** The parsed styles, kept for blending (13k floats a voice). */
  private final Map<String, VoiceStyle> styles;

  private VoiceLibrary(Map<String, StyleTensors> tensors, Map<String, VoiceStyle> styles) {
    this.tensors = tensors;
    this.styles = styles;
  }

  /**
   * Loads every *.json of {@code builtIn} and then of {@code extra} (may be null); extra ids
   * override.
   */
  static VoiceLibrary load(OrtEnvironment env, VoiceStyleReader reader, Path builtIn, Path extra)
      throws ModelLoadException {
    Map<String, VoiceStyle> styles = new TreeMap<>();
    for (Path file : jsonFiles(builtIn, "voice_styles directory")) {
      VoiceStyle style = reader.read(file);
      styles.put(style.id(), style);
    }
    if (styles.isEmpty()) {
      throw new ModelLoadException("No voice styles (*.json) in " + builtIn);
    }
    if (extra != null) {
      for (Path file : jsonFiles(extra, "extra voices directory")) {
        VoiceStyle style = reader.read(file);
        if (styles.put(style.id(), style) != null) {
          LOG.info("Voice {} from {} replaces the model's own", style.id(), file);
        }
      }
    }
    Map<String, StyleTensors> tensors = new TreeMap<>();
    try {
      for (VoiceStyle style : styles.values()) {
        tensors.put(style.id(), StyleTensors.of(env, style));
      }
    } catch (OrtException e) {
      tensors.values().forEach(StyleTensors::close);
      throw new ModelLoadException("Cannot create style tensors: " + e.getMessage(), e);
    }
    return new VoiceLibrary(tensors, styles);
  }

  private static List<Path> jsonFiles(Path dir, String what) throws ModelLoadException {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("The " + what + " " + dir + " does not exist");
    }
    try (Stream<Path> files = Files.list(dir)) {
      return new ArrayList<>(
          files
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList());
    } catch (IOException e) {
      throw new ModelLoadException(
          "Cannot list the " + what + " " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Voice ids, sorted. */
  List<String> ids() {
    return List.copyOf(tensors.keySet());
  }

  StyleTensors get(String id) {
    return tensors.get(id);
  }

  VoiceStyle style(String id) {
    return styles.get(id);
  }

  @Override
  public void close() {
    tensors.values().forEach(StyleTensors::close);
  }
}
