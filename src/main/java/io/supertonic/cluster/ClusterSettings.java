package io.supertonic.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How this node joins the cluster. Members are found by TCP (no multicast, which most data centres
 * and container networks drop).
 *
 * @param name the cluster name: members only join a cluster of the same name, so separate
 *     deployments (or tests) on one network never merge
 * @param host the address this node binds and announces, for both Hazelcast and the event bus
 * @param port Hazelcast's member port
 * @param members other members as {@code host} or {@code host:port}; empty means "wait for others
 *     to join"
 * @param eventBusPort the event bus' TCP port; 0 picks a free one
 * @param configFile a Hazelcast XML file replacing the shipped {@code conf/hazelcast.xml}
 * @param tls mutual TLS for the event bus between nodes; empty for clear text
 */
public record ClusterSettings(
    String name,
    String host,
    int port,
    List<String> members,
    int eventBusPort,
    Optional<Path> configFile,
    Optional<BusTls> tls) {
  public static final String DEFAULT_NAME = "supertonic";
  public static final int DEFAULT_PORT = 5701;

  public ClusterSettings {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("--cluster-name must not be empty");
    }
    members = List.copyOf(members);
  }

  /** Loopback settings with the shipped Hazelcast configuration (tests, single-host setups). */
  public static ClusterSettings loopback(String name, int port, List<String> members) {
    return new ClusterSettings(
        name, "127.0.0.1", port, members, 0, Optional.empty(), Optional.empty());
  }
}
