package io.supertonic.cluster;

import java.util.Locale;

/**
 * What one node of a deployment runs. A single process is {@link #ALL}; on a clustered event bus,
 * gateways (HTTP, WebSocket, console, metrics; no model) can front any number of GPU workers.
 */
public enum NodeRole {
  ALL(true, true),
  GATEWAY(true, false),
  WORKER(false, true);

  private final boolean transports;
  private final boolean synthesis;

  NodeRole(boolean transports, boolean synthesis) {
    this.transports = transports;
    this.synthesis = synthesis;
  }

  /** Serves HTTP, WebSocket and the console. */
  public boolean servesTransports() {
    return transports;
  }

  /** Loads the model and runs syntheses. */
  public boolean runsSynthesis() {
    return synthesis;
  }

  public static NodeRole parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Unknown role '" + value + "'; expected all, gateway or worker");
    }
  }
}
