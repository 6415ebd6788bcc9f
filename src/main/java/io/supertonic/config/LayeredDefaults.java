package io.supertonic.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults in layers: the option's built-in default &lt; {@code conf/config.json} &lt;
 * {@code SUPERTONIC_*} environment; explicit flags win over all. An option {@code --max-concurrent}
 * reads {@code SUPERTONIC_MAX_CONCURRENT} and the JSON key {@code max_concurrent}.
 */
public final class LayeredDefaults implements IDefaultValueProvider {
  public static final String ENV_PREFIX = "SUPERTONIC_";
  private static final String CONFIG_RESOURCE = "conf/config.json";

  private final JsonObject file;
  private final Map<String, String> env;

  public LayeredDefaults(JsonObject file, Map<String, String> env) {
    this.file = file;
    this.env = env;
  }

  /**
   * Reads {@code SUPERTONIC_CONFIG} if set, else {@code ./conf/config.json} if present, else the
   * copy shipped inside the jar.
   */
  public static LayeredDefaults fromEnvironment() {
    Map<String, String> env = System.getenv();
    return new LayeredDefaults(loadConfigFile(env), env);
  }

  static JsonObject loadConfigFile(Map<String, String> env) {
    try {
      String explicit = env.get(ENV_PREFIX + "CONFIG");
      if (explicit != null && !explicit.isBlank()) {
        return new JsonObject(Files.readString(Path.of(explicit)));
      }
      Path local = Path.of(CONFIG_RESOURCE);
      if (Files.isRegularFile(local)) {
        return new JsonObject(Files.readString(local));
      }
      try (InputStream in =
          LayeredDefaults.class.getClassLoader().getResourceAsStream(CONFIG_RESOURCE)) {
        return in == null
            ? new JsonObject()
            : new JsonObject(
                new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read configuration file: " + e.getMessage(), e);
    }
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    String key = option.longestName().replaceFirst("^-+", "");
    if (key.startsWith("no-")) {
      // --no-warmup is a negatable switch for "warmup"; SUPERTONIC_NO_WARMUP=1 also works.
      String fromEnv = env.get(ENV_PREFIX + envName(key));
      if (fromEnv != null) {
        return String.valueOf(truthy(fromEnv));
      }
      String positive = key.substring(3);
      String positiveEnv = env.get(ENV_PREFIX + envName(positive));
      if (positiveEnv != null) {
        return String.valueOf(!truthy(positiveEnv));
      }
      Object fromFile = file.getValue(jsonName(positive));
      return fromFile == null ? null : String.valueOf(!truthy(String.valueOf(fromFile)));
    }
    String fromEnv = env.get(ENV_PREFIX + envName(key));
    Object fromFile = fromEnv != null ? fromEnv : file.getValue(jsonName(key));
    if (fromFile == null) {
      return null;
    }
    // A switch such as --metrics-public reads SUPERTONIC_METRICS_PUBLIC=1 as picocli's "true".
    boolean isSwitch = option.type() == boolean.class || option.type() == Boolean.class;
    return isSwitch ? String.valueOf(truthy(String.valueOf(fromFile))) : String.valueOf(fromFile);
  }

  /** Reads a value that is only configured by environment or file, not by a flag. */
  public String value(String key) {
    String fromEnv = env.get(ENV_PREFIX + envName(key));
    if (fromEnv != null) {
      return fromEnv;
    }
    Object fromFile = file.getValue(jsonName(key));
    return fromFile == null ? null : String.valueOf(fromFile);
  }

  public static boolean truthy(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
  }

  private static String envName(String key) {
    return key.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static String jsonName(String key) {
    return key.replace('-', '_');
  }
}
