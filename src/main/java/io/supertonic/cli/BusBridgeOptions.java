package io.supertonic.cli;

import io.supertonic.bridge.TcpBridgeVerticle;
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

  @Option(
      names = "--bus-bridge-max-frame-bytes",
      defaultValue = "" + TcpBridgeVerticle.DEFAULT_MAX_FRAME_BYTES,
      description =
          "Largest frame a TCP bridge client may send; a larger declared length closes its"
              + " connection (default: ${DEFAULT-VALUE}).")
  int maxFrameBytes;

  /**
   * Adds {@code bus_bridge_port}, {@code bus_bridge_host} and {@code bus_bridge_max_frame_bytes} to
   * the server configuration.
   */
  JsonObject addTo(JsonObject config) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--bus-bridge-port must be 0..65535, got " + port);
    }
    if (maxFrameBytes < 1) {
      throw new IllegalArgumentException(
          "--bus-bridge-max-frame-bytes must be positive, got " + maxFrameBytes);
    }
    return config
        .put("bus_bridge_port", port)
        .put("bus_bridge_host", host)
        .put("bus_bridge_max_frame_bytes", maxFrameBytes);
  }
}
