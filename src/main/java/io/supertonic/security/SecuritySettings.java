package io.supertonic.security;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The access-control settings of one HTTP server, read from the flat server config (keys as in
 * conf/config.json). The one place for their config names and defaults.
 *
 * @param apiKeys keys given directly (flags and SUPERTONIC_API_KEYS)
 * @param apiKeysFile a file with one key per line, re-read when it changes; null for none
 * @param keysFileCheckMs how often the keys file is checked for changes
 * @param metricsPublic whether {@code /metrics*} stay open when keys are set
 * @param rateLimitRpm requests per minute per key (per client address without keys); 0 = off
 * @param rateLimitBurst bucket capacity; 0 = the same as {@code rateLimitRpm}
 * @param maxStreamsPerKey concurrent speech responses and WebSocket sessions per key; 0 = off
 * @param corsOrigins browser origins allowed to call the API cross-origin ({@code *} = any)
 * @param wsOrigins origins allowed to open the WebSocket; null = the same as {@code corsOrigins}
 * @param tlsCert PEM certificate chain; null for plain HTTP
 * @param tlsKey PEM private key of {@code tlsCert}
 * @param tlsSelfSigned serve HTTPS with a certificate generated at start
 */
public record SecuritySettings(
    List<String> apiKeys,
    String apiKeysFile,
    long keysFileCheckMs,
    boolean metricsPublic,
    int rateLimitRpm,
    int rateLimitBurst,
    int maxStreamsPerKey,
    List<String> corsOrigins,
    List<String> wsOrigins,
    String tlsCert,
    String tlsKey,
    boolean tlsSelfSigned) {

  public static final long DEFAULT_KEYS_FILE_CHECK_MS = 2000;

  public SecuritySettings {
    apiKeys = List.copyOf(apiKeys);
    corsOrigins = List.copyOf(corsOrigins);
    wsOrigins = wsOrigins == null ? null : List.copyOf(wsOrigins);
    if (rateLimitRpm < 0 || rateLimitBurst < 0 || maxStreamsPerKey < 0) {
      throw new IllegalArgumentException(
          "--rate-limit-rpm, --rate-limit-burst and --max-streams-per-key must be 0 (off) or positive");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    if (tlsSelfSigned && tlsCert != null) {
      throw new IllegalArgumentException(
          "--tls-self-signed and --tls-cert/--tls-key exclude each other");
    }
  }

  /** Everything open, plain HTTP: the behaviour without any security option. */
  public static SecuritySettings open() {
    return fromConfig(new JsonObject());
  }

  public static SecuritySettings fromConfig(JsonObject config) {
    return new SecuritySettings(
        list(config.getValue("api_keys")),
        blankToNull(config.getString("api_keys_file")),
        config.getLong("api_keys_file_check_ms", DEFAULT_KEYS_FILE_CHECK_MS),
        truthy(config.getValue("metrics_public")),
        config.getInteger("rate_limit_rpm", 0),
        config.getInteger("rate_limit_burst", 0),
        config.getInteger("max_streams_per_key", 0),
        list(config.getValue("cors_origins")),
        config.getValue("ws_origins") == null ? null : list(config.getValue("ws_origins")),
        blankToNull(config.getString("tls_cert")),
        blankToNull(config.getString("tls_key")),
        truthy(config.getValue("tls_self_signed")));
  }

  /**
   * Checks at start-up, before anything loads, what would otherwise fail later or leave the server
   * open by mistake: unreadable key or certificate files, and {@code --auth-required} without a
   * key.
   */
  public void validateAtStart(boolean authRequired) {
    int keys = ApiKeys.of(apiKeys).size();
    if (apiKeysFile != null) {
      keys += ApiKeyStore.readFile(java.nio.file.Path.of(apiKeysFile)).size();
    }
    if (authRequired && keys == 0) {
      throw new IllegalArgumentException(
          "--auth-required is set but no API key is configured: give --api-key KEY,"
              + " SUPERTONIC_API_KEYS or an --api-keys-file with at least one key");
    }
    for (String[] file : new String[][] {{"--tls-cert", tlsCert}, {"--tls-key", tlsKey}}) {
      if (file[1] != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(file[1]))) {
        throw new IllegalArgumentException(file[0] + " " + file[1] + " cannot be read");
      }
    }
  }

  /** True when any key source is configured: the server then refuses requests without a key. */
  public boolean keysConfigured() {
    return !apiKeys.isEmpty() || apiKeysFile != null;
  }

  public boolean tls() {
    return tlsSelfSigned || tlsCert != null;
  }

  /** The bucket capacity actually used. */
  public int effectiveBurst() {
    return rateLimitBurst > 0 ? rateLimitBurst : rateLimitRpm;
  }

  /** The WebSocket origin allowlist actually used. */
  public List<String> effectiveWsOrigins() {
    return wsOrigins == null ? corsOrigins : wsOrigins;
  }

  /** A list given as a string: a JSON array ({@code ["a","b"]}) or comma-separated. */
  public static List<String> parseList(String value) {
    if (value == null) {
      return List.of();
    }
    return list(value.strip().startsWith("[") ? new JsonArray(value) : value);
  }

  /**
   * A JSON array, or a comma-separated string (how environment variables and the config file give
   * lists).
   */
  static List<String> list(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      array.forEach(v -> add(out, String.valueOf(v)));
    } else if (value instanceof List<?> items) {
      items.forEach(v -> add(out, String.valueOf(v)));
    } else if (value != null) {
      Arrays.stream(String.valueOf(value).split(",")).forEach(v -> add(out, v));
    }
    return out;
  }

  private static void add(List<String> out, String value) {
    if (!value.isBlank()) {
      out.add(value.strip());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static boolean truthy(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value == null) {
      return false;
    }
    String v = String.valueOf(value).trim().toLowerCase(java.util.Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
  }
}
