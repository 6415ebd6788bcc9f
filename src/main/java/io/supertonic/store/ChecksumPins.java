package io.supertonic.store;

import io.supertonic.engine.ModelVariant;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Known sizes and checksums of published model files, so that a mirror is verified rather than
 * trusted. Pins apply to one revision of a variant (the default one) whatever repository serves it.
 */
public final class ChecksumPins {
  private static final String RESOURCE = "model/pins/%s.json";

  private final Map<ModelVariant, Pinned> byVariant;

  private record Pinned(String revision, Map<String, ExpectedFile> files) {}

  private ChecksumPins(Map<ModelVariant, Pinned> byVariant) {
    this.byVariant = byVariant;
  }

  /** No pins: every file is verified against what the hub reports only. */
  public static ChecksumPins none() {
    return new ChecksumPins(Map.of());
  }

  /** The pins shipped in {@code model/pins/<variant>.json} on the classpath. */
  public static ChecksumPins bundled() {
    Map<ModelVariant, Pinned> map = new HashMap<>();
    for (ModelVariant variant : ModelVariant.values()) {
      String resource = String.format(RESOURCE, variant.id());
      try (InputStream in = ChecksumPins.class.getClassLoader().getResourceAsStream(resource)) {
        if (in != null) {
          map.put(variant, parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + resource, e);
      }
    }
    return new ChecksumPins(map);
  }

  /** Pins for one variant and revision, e.g. for tests. */
  public static ChecksumPins of(
      ModelVariant variant, String revision, Map<String, ExpectedFile> files) {
    return new ChecksumPins(Map.of(variant, new Pinned(revision, Map.copyOf(files))));
  }

  static Pinned parse(String source, String json) {
    try {
      JsonObject doc = new JsonObject(json);
      String revision = doc.getString("revision", "main");
      JsonObject files = doc.getJsonObject("files", new JsonObject());
      Map<String, ExpectedFile> map = new HashMap<>();
      for (String path : files.fieldNames()) {
        JsonObject f = files.getJsonObject(path);
        Number size = f.getNumber("size");
        map.put(
            path,
            new ExpectedFile(
                path,
                size == null ? -1 : size.longValue(),
                ExpectedFile.normalize(f.getString("sha256")),
                ExpectedFile.normalize(f.getString("git_sha1"))));
      }
      return new Pinned(revision, Map.copyOf(map));
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Invalid checksum pins in "
              + source
              + ": expected {\"revision\", \"files\": {path: {\"size\", "
              + "\"sha256\"}}} ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  /** The pin for a file when the requested revision is the pinned one (null revision = main). */
  public Optional<ExpectedFile> find(ModelVariant variant, String revision, String path) {
    Pinned pinned = byVariant.get(variant);
    String wanted = revision == null ? "main" : revision;
    if (pinned == null || !pinned.revision().equals(wanted)) {
      return Optional.empty();
    }
    return Optional.ofNullable(pinned.files().get(path));
  }
}
