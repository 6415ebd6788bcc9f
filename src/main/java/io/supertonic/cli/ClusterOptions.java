package io.supertonic.cli;

import io.supertonic.cluster.BusTls;
import io.supertonic.cluster.ClusterSettings;
import io.supertonic.cluster.NodeRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options for running one node of a clustered deployment (gateways in front of GPU workers). */
public final class ClusterOptions {

  @Option(
      names = "--cluster",
      description = "Join a clustered event bus (Hazelcast, TCP discovery).")
  boolean enabled;

  @Option(
      names = "--role",
      defaultValue = "all",
      description =
          "all (default), gateway (HTTP/WebSocket/console, no model; needs --cluster) or worker (model only).")
  String role;

  @Option(
      names = "--cluster-name",
      defaultValue = ClusterSettings.DEFAULT_NAME,
      description =
          "Cluster name: nodes only join a cluster of the same name (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(
      names = "--cluster-config",
      description =
          "Hazelcast XML replacing the shipped conf/hazelcast.xml (failure detection, join timing).")
  Path configFile;

  @Option(
      names = "--cluster-host",
      defaultValue = "127.0.0.1",
      description =
          "Address (or host name) this node binds and announces to the cluster (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--cluster-port",
      defaultValue = "" + ClusterSettings.DEFAULT_PORT,
      description = "Cluster membership port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--cluster-members",
      split = ",",
      description = "Other members, host or host:port, comma-separated.")
  List<String> members = new ArrayList<>();

  @Option(
      names = "--cluster-bus-port",
      defaultValue = "0",
      description = "Event bus TCP port (0 = any free port).")
  int busPort;

  @Option(
      names = "--cluster-tls-cert",
      description = "PEM certificate of this node: mutual TLS on the event bus between nodes.")
  Path tlsCert;

  @Option(names = "--cluster-tls-key", description = "PEM private key of --cluster-tls-cert.")
  Path tlsKey;

  @Option(
      names = "--cluster-tls-ca",
      description = "PEM certificate(s) that sign every node's certificate.")
  Path tlsCa;

  @Option(
      names = "--worker-wait-ms",
      defaultValue = "120000",
      description = "On a clustered gateway: how long to wait at start for a worker to join.")
  long workerWaitMs;

  NodeRole nodeRole() {
    NodeRole parsed = NodeRole.parse(role);
    if (parsed == NodeRole.GATEWAY && !enabled) {
      throw new IllegalArgumentException(
          "--role gateway has no model and needs --cluster to reach workers");
    }
    return parsed;
  }

  ClusterSettings settings() {
    return new ClusterSettings(
        name, host, port, members, busPort, Optional.ofNullable(configFile), tls());
  }

  private Optional<BusTls> tls() {
    if (tlsCert == null && tlsKey == null && tlsCa == null) {
      return Optional.empty();
    }
    if (tlsCert == null || tlsKey == null || tlsCa == null) {
      throw new IllegalArgumentException(
          "--cluster-tls-cert, --cluster-tls-key and --cluster-tls-ca go together");
    }
    return Optional.of(new BusTls(tlsCert, tlsKey, tlsCa));
  }
}
