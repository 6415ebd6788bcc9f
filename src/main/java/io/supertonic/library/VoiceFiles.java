package io.supertonic.library;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The voices directory ({@code --voices-dir}): one {@code <id>.json} voice style per voice, the
 * format of the model's {@code voice_styles/}. Blocking file I/O.
 */
public final class VoiceFiles {
  private static final Logger LOG = LoggerFactory.getLogger(VoiceFiles.class);

  /** Voice ids: safe as file names, and free of the blend syntax ({@code +}, {@code :}). */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

  private final Path dir;

  public VoiceFiles(Path dir) {
    this.dir = dir;
  }

  /** The style JSON of every voice file, by id (unchecked: the engine checks shapes). */
  public Map<String, JsonObject> loadAll() {
    Map<String, JsonObject> voices = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return voices;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        String id = name.endsWith(".json") ? name.substring(0, name.length() - 5) : "";
        if (!ID.matcher(id).matches()) {
          continue;
        }
        try {
          voices.put(id, new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException | DecodeException e) {
          LOG.warn("Ignoring voice file {}: {}", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot list voices directory {}: {}", dir, e.getMessage());
    }
    return voices;
  }

  /** Writes (atomically) or, with null, deletes the voice's file. */
  public void save(String id, JsonObject style) throws IOException {
    Path file = dir.resolve(id + ".json");
    if (style == null) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + id + ".json.tmp");
    Files.writeString(tmp, style.encode(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
