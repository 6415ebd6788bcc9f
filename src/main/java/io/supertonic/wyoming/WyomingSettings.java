package io.supertonic.wyoming;

import io.supertonic.security.AddressAllowlist;
import io.supertonic.security.SecuritySettings;
import io.vertx.core.json.JsonObject;

/**
 * The Wyoming server's settings, read from the server's flat config JSON.
 *
 * @param port null when the Wyoming server is off ({@code wyoming_port} absent); 0 binds any free
 *     port
 * @param host bind address ({@code wyoming_host}, else the HTTP {@code host})
 * @param maxEventBytes the longest event header line, data and payload accepted, each ({@code
 *     wyoming_max_event_bytes})
 * @param idleTimeoutMs close a connection after this long without a client event while nothing is
 *     being synthesized; 0 never ({@code wyoming_idle_timeout_ms})
 * @param maxInputChars the most text one {@code synthesize} or one stream may carry ({@code
 *     max_input_chars})
 * @param defaultVoice used when the client names none ({@code voice})
 * @param defaultLang used when the client names no language ({@code lang}; may be {@code auto})
 * @param zeroconf announce {@code _wyoming._tcp.local.} over mDNS ({@code wyoming_zeroconf})
 * @param allow peers admitted besides loopback when API keys are on ({@code wyoming_allow}: a JSON
 *     array or a comma-separated string of IP addresses and CIDR blocks)
 */
public record WyomingSettings(
    Integer port,
    String host,
    int maxEventBytes,
    long idleTimeoutMs,
    int maxInputChars,
    String defaultVoice,
    String defaultLang,
    boolean zeroconf,
    AddressAllowlist allow) {

  /** The port Home Assistant and the wyoming-* servers use by convention. */
  public static final int USUAL_PORT = 10200;

  public static final int DEFAULT_MAX_EVENT_BYTES = 1_048_576;
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 300_000;

  public static WyomingSettings fromJson(JsonObject j) {
    WyomingSettings s =
        new WyomingSettings(
            j.getInteger("wyoming_port"),
            j.getString("wyoming_host", j.getString("host", "0.0.0.0")),
            j.getInteger("wyoming_max_event_bytes", DEFAULT_MAX_EVENT_BYTES),
            j.getLong("wyoming_idle_timeout_ms", DEFAULT_IDLE_TIMEOUT_MS),
            j.getInteger("max_input_chars", 20_000),
            j.getString("voice", "F1"),
            j.getString("lang", "en"),
            j.getBoolean("wyoming_zeroconf", false),
            allowlist(j.getValue("wyoming_allow")));
    s.validate();
    return s;
  }

  /** The option's name in messages: the flag, which also reads the config key and variable. */
  public static final String ALLOW_OPTION = "--wyoming-allow";

  /**
   * Parses {@code wyoming_allow}: a JSON array (from the command line) or a comma-separated string
   * (config file, {@code SUPERTONIC_WYOMING_ALLOW}).
   *
   * @throws IllegalArgumentException naming an entry that is not an IP address or CIDR block
   */
  public static AddressAllowlist allowlist(Object value) {
    return AddressAllowlist.parse(
        ALLOW_OPTION, SecuritySettings.parseList(value == null ? null : value.toString()));
  }

  public boolean enabled() {
    return port != null;
  }

  private void validate() {
    if (port != null && (port < 0 || port > 65_535)) {
      throw new IllegalArgumentException("--wyoming-port must be 0..65535, got " + port);
    }
    if (maxEventBytes < 1024) {
      throw new IllegalArgumentException(
          "wyoming_max_event_bytes must be >= 1024, got " + maxEventBytes);
    }
    if (idleTimeoutMs < 0) {
      throw new IllegalArgumentException(
          "wyoming_idle_timeout_ms must be >= 0 (0 disables), got " + idleTimeoutMs);
    }
  }
}
