package io.supertonic.cluster;

import java.util.List;

/**
 * How this node joins the cluster. Members are found by TCP (no multicast, which most data centres
 * and container networks drop).
 *
 * @param host the address this node binds and announces, for both Hazelcast and the event bus
 * @param port Hazelcast's member port
 * @param members other members as {@code host} or {@code host:port}; empty means "wait for others
 *     to join"
 * @param eventBusPort the event bus' TCP port; 0 picks a free one
 */
public record ClusterSettings(String host, int port, List<String> members, int eventBusPort) {
  public ClusterSettings {
    members = List.copyOf(members);
  }
}
