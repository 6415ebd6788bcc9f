package io.supertonic.security;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.FileProps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API keys in force: those given at start plus those of the keys file, which is checked every
 * few seconds and re-read when its size or modification time changes. Any server that speaks to
 * clients (HTTP, WebSocket, Wyoming) asks {@link #isValid(String)}.
 *
 * <p>Once keys are configured the server stays closed: a keys file that becomes empty, unreadable
 * or is deleted refuses every key it held (empty) or keeps the last good keys (unreadable, gone),
 * and never opens the server.
 */
public final class ApiKeyStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiKeyStore.class);

  /** A keys file beyond this is refused rather than read into memory. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private final Vertx vertx;
  private final ApiKeys fixed;
  private final String file;
  private volatile ApiKeys fromFile = ApiKeys.none();
  private long lastModified = -1;
  private long lastSize = -1;
  private boolean checking;
  private boolean warned;
  private long timer = -1;

  private ApiKeyStore(Vertx vertx, ApiKeys fixed, String file) {
    this.vertx = vertx;
    this.fixed = fixed;
    this.file = file;
  }

  /**
   * The key policy of a server config (keys as in conf/config.json): what a server other than the
   * HTTP API (e.g. Wyoming) calls to accept exactly the same keys. Close it when that server stops.
   */
  public static Future<ApiKeyStore> start(Vertx vertx, io.vertx.core.json.JsonObject config) {
    try {
      return start(vertx, SecuritySettings.fromConfig(config));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  /** Reads the keys file once (it must be readable) and starts watching it. */
  public static Future<ApiKeyStore> start(Vertx vertx, SecuritySettings settings) {
    ApiKeyStore store =
        new ApiKeyStore(vertx, ApiKeys.of(settings.apiKeys()), settings.apiKeysFile());
    if (store.file == null) {
      return Future.succeededFuture(store);
    }
    return store
        .reloadIfChanged()
        .map(
            v -> {
              long period = Math.max(50, settings.keysFileCheckMs());
              store.timer = vertx.setPeriodic(period, id -> store.check());
              return store;
            });
  }

  /** True when the server requires a key. */
  public boolean enabled() {
    return !fixed.isEmpty() || file != null;
  }

  public boolean isValid(String presented) {
    return match(presented).isPresent();
  }

  /** The fingerprint of the matching key, or empty. */
  public Optional<String> match(String presented) {
    Optional<String> found = fixed.match(presented);
    Optional<String> inFile = fromFile.match(presented);
    return found.isPresent() ? found : inFile;
  }

  /** How many keys are in force. */
  public int size() {
    return fixed.size() + fromFile.size();
  }

  /** Fingerprints of every key in force, safe to log. */
  public List<String> fingerprints() {
    List<String> all = new ArrayList<>(fixed.fingerprints());
    all.addAll(fromFile.fingerprints());
    return all;
  }

  private void check() {
    if (checking) {
      return;
    }
    checking = true;
    reloadIfChanged()
        .onComplete(
            r -> {
              checking = false;
              if (r.failed()) {
                if (!warned) {
                  LOG.warn(
                      "API keys file {} cannot be read ({}); keeping the {} keys read before",
                      file,
                      r.cause().getMessage(),
                      fromFile.size());
                  warned = true;
                }
              } else {
                warned = false;
              }
            });
  }

  private Future<Void> reloadIfChanged() {
    return vertx
        .fileSystem()
        .props(file)
        .compose(
            props -> {
              if (props.lastModifiedTime() == lastModified && props.size() == lastSize) {
                return Future.succeededFuture();
              }
              if (props.size() > MAX_FILE_BYTES) {
                return Future.failedFuture(
                    "the file is larger than " + MAX_FILE_BYTES + " bytes; is it the right file?");
              }
              return vertx.fileSystem().readFile(file).map(content -> replace(props, content));
            });
  }

  private Void replace(FileProps props, Buffer content) {
    boolean first = lastModified < 0;
    lastModified = props.lastModifiedTime();
    lastSize = props.size();
    fromFile = ApiKeys.of(parse(content.toString(StandardCharsets.UTF_8)));
    LOG.info(
        "API keys file {} {}: {} key(s) {}",
        file,
        first ? "read" : "reloaded",
        fromFile.size(),
        ApiKeys.summary(fromFile.fingerprints()));
    return null;
  }

  /** One key per line; blank lines and lines starting with {@code #} are ignored. */
  static List<String> parse(String content) {
    List<String> keys = new ArrayList<>();
    for (String line : content.split("\\R")) {
      String key = line.strip();
      if (!key.isEmpty() && !key.startsWith("#")) {
        keys.add(key);
      }
    }
    return keys;
  }

  /** Reads a keys file at start-up, before Vert.x runs (blocking). */
  public static ApiKeys readFile(Path path) {
    try {
      if (Files.size(path) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(
            "--api-keys-file " + path + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return ApiKeys.of(parse(Files.readString(path, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--api-keys-file " + path + " cannot be read: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
