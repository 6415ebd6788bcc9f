package io.supertonic.cli;

import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Option;

/** The optional TCP event-bus bridge for synthesis clients in other languages. */
public final class BusBridgeOptions {
  @Option(
      names = "--bus-bridge-port",
      defaultValue = "0",
      description =
          "Open the TCP event-bus bridge (synthesis addresses only) on this port; 0 = off (default).")
  int port;

  @Option(
      names = "--bus-bridge-host",
      defaultValue = "127.0.0.1",
      description =
          "Bind address of the TCP event-bus bridge (default: ${DEFAULT-VALUE}; it has no authentication).")
  String host;

  /** Adds {@code bus_bridge_port} and {@code bus_bridge_host} to the server configuration. */
  JsonObject addTo(JsonObject config) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--bus-bridge-port must be 0..65535, got " + port);
    }
    return config.put("bus_bridge_port", port).put("bus_bridge_host", host);
  }
}
