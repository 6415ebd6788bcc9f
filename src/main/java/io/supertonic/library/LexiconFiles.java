package io.supertonic.library;

import io.supertonic.engine.text.Lexicon;
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
 * The lexicon directory ({@code --lexicon DIR}): one {@code <lang>.json} file per language, each
 * {@code {"entries": [...]}} as {@link Lexicon#fromJson} reads it. Blocking file I/O.
 */
public final class LexiconFiles {
  private static final Logger LOG = LoggerFactory.getLogger(LexiconFiles.class);

  /** Language codes as file names: nothing that could leave the directory. */
  public static final Pattern LANG = Pattern.compile("[a-z]{2,3}");

  private final Path dir;

  public LexiconFiles(Path dir) {
    this.dir = dir;
  }

  /** Every valid lexicon file; a broken one is logged and skipped, so one typo stops nothing. */
  public Map<String, Lexicon> loadAll() {
    Map<String, Lexicon> lexicons = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      LOG.warn("Lexicon directory {} does not exist; starting with no lexicon", dir);
      return lexicons;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".json")) {
          continue;
        }
        String lang = name.substring(0, name.length() - ".json".length());
        if (!LANG.matcher(lang).matches()) {
          LOG.warn("Ignoring {}: lexicon files are named <language code>.json", file);
          continue;
        }
        try {
          lexicons.put(
              lang,
              Lexicon.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8))));
        } catch (IOException | DecodeException | IllegalArgumentException e) {
          LOG.warn("Ignoring lexicon {}: {}", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot list lexicon directory {}: {}", dir, e.getMessage());
    }
    lexicons.forEach(
        (lang, lexicon) ->
            LOG.info("Lexicon {}: {} entries from {}", lang, lexicon.entries().size(), dir));
    return lexicons;
  }

  /** Writes (atomically) or, with null, deletes the language's file. */
  public void save(String lang, Lexicon lexicon) throws IOException {
    Path file = dir.resolve(lang + ".json");
    if (lexicon == null) {
      Files.deleteIfExists(file);
      return;
    }
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + lang + ".json.tmp");
    Files.writeString(tmp, lexicon.toJson().encodePrettily(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
