package io.supertonic.bridge;

import io.supertonic.bus.Addresses;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import java.util.regex.Pattern;

/**
 * What a TCP bridge client may do: the synthesis contract and nothing else. In: requests to the
 * entry address, the worker ping, and control messages (credit, keep-alive, cancel) to job control
 * addresses. Out: only the client's own stream addresses. Metrics, worker advertisements, the
 * per-worker request addresses and the WebSocket plumbing stay closed.
 */
public final class SynthesisBridgePermissions {
  /** Job ids and stream suffixes: what the server and its clients generate (UUIDs, counters). */
  private static final String ID = "[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}";

  private SynthesisBridgePermissions() {}

  public static BridgeOptions options() {
    return new BridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(Addresses.SYNTH))
        .addInboundPermitted(new PermittedOptions().setAddress(Addresses.WORKER_PING))
        .addInboundPermitted(
            new PermittedOptions().setAddressRegex(Pattern.quote(Addresses.JOB_PREFIX) + ID))
        .addOutboundPermitted(
            new PermittedOptions().setAddressRegex(Pattern.quote(Addresses.STREAM_PREFIX) + ID));
  }
}
