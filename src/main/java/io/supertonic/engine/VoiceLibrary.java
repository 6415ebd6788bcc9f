package io.supertonic.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
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

  /** The model's own voices (voice_styles/): they cannot be replaced or removed at run time. */
  private final Set<String> presets;

  private final OrtEnvironment env;
  private final VoiceStyleReader reader;

  /**
   * Tensors of voices removed or replaced at run time: a synthesis may still be using them, and
   * closing a tensor under a running inference crashes the process, so they close with the library.
   */
  private final List<StyleTensors> retired = new ArrayList<>();

  private VoiceLibrary(
      Map<String, StyleTensors> tensors,
      Map<String, VoiceStyle> styles,
      Set<String> presets,
      OrtEnvironment env,
      VoiceStyleReader reader) {
    this.tensors = new ConcurrentSkipListMap<>(tensors);
    this.styles = new ConcurrentSkipListMap<>(styles);
    this.presets = Set.copyOf(presets);
    this.env = env;
    this.reader = reader;
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
    Set<String> presets = Set.copyOf(styles.keySet());
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
    return new VoiceLibrary(tensors, styles, presets, env, reader);
  }

  boolean isPreset(String id) {
    return presets.stream().anyMatch(p -> p.equalsIgnoreCase(id));
  }

  /**
   * Checks a style against the model's shapes without adding it.
   *
   * @throws ModelLoadException with the reason when it does not fit
   */
  VoiceStyle check(String id, JsonObject style) throws ModelLoadException {
    return reader.parse(id, style, "'" + id + "'");
  }

  /** Adds or replaces a run-time voice; presets cannot be replaced. */
  synchronized void add(String id, JsonObject style) throws ModelLoadException {
    if (isPreset(id)) {
      throw new ModelLoadException("Voice " + id + " is one of the model's own voices");
    }
    VoiceStyle parsed = check(id, style);
    StyleTensors created;
    try {
      created = StyleTensors.of(env, parsed);
    } catch (OrtException e) {
      throw new ModelLoadException("Cannot create style tensors: " + e.getMessage(), e);
    }
    styles.put(id, parsed);
    StyleTensors previous = tensors.put(id, created);
    if (previous != null) {
      retired.add(previous);
    }
  }

  /** Removes a run-time voice; false when there is none of that id (or it is a preset). */
  synchronized boolean remove(String id) {
    if (isPreset(id)) {
      return false;
    }
    styles.remove(id);
    StyleTensors previous = tensors.remove(id);
    if (previous != null) {
      retired.add(previous);
    }
    return previous != null;
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
  public synchronized void close() {
    tensors.values().forEach(StyleTensors::close);
    retired.forEach(StyleTensors::close);
  }
}
