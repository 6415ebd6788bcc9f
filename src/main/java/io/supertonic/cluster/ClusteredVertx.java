package io.supertonic.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Vert.x instance on a Hazelcast-backed clustered event bus, configured from the shipped
 * (or operator's) Hazelcast XML plus this node's {@link ClusterSettings}.
 */
public final class ClusteredVertx {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteredVertx.class);

  /**
   * The event bus pings each connection to another node and drops it when no pong comes back: as
   * Hazelcast's failure detector (4 s), so a node that hangs without closing its sockets does not
   * hold messages for the 20 s default.
   */
  static final long BUS_PING_INTERVAL_MS = 2000;

  static final long BUS_PING_REPLY_MS = 4000;

  /** Connecting to another node's event bus port; the 60 s default outlives any request. */
  static final int BUS_CONNECT_TIMEOUT_MS = 5000;

  private ClusteredVertx() {}

  public static Future<Vertx> start(VertxOptions options, ClusterSettings settings) {
    // Hazelcast's static loggers print before the instance reads the XML's logging property.
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "slf4j");
    }
    HazelcastConfigSource.Loaded loaded = HazelcastConfigSource.load(settings.configFile());
    String address = resolve(settings.host());
    Config config = applySettings(loaded.config(), settings, address);
    EventBusOptions bus =
        new EventBusOptions()
            .setHost(address)
            .setPort(settings.eventBusPort())
            .setClusterPublicHost(address)
            .setConnectTimeout(BUS_CONNECT_TIMEOUT_MS)
            .setClusterPingInterval(BUS_PING_INTERVAL_MS)
            .setClusterPingReplyInterval(BUS_PING_REPLY_MS);
    settings.tls().ifPresent(tls -> tls.applyTo(bus));
    options.setEventBusOptions(bus);
    long started = System.nanoTime();
    LOG.info(
        "Joining cluster '{}' as {}:{} (members {}, config {}, event bus {})",
        settings.name(),
        settings.host(),
        settings.port(),
        settings.members(),
        loaded.origin(),
        settings.tls().isPresent() ? "with mutual TLS" : "in clear text");
    return Vertx.builder()
        .with(options)
        .withClusterManager(new HazelcastClusterManager(config))
        .buildClustered()
        .onSuccess(
            v ->
                LOG.info(
                    "Joined cluster '{}' in {} ms",
                    settings.name(),
                    (System.nanoTime() - started) / 1_000_000));
  }

  /** The command line owns the name, this member's address and the member list. */
  static Config applySettings(Config config, ClusterSettings settings, String address) {
    config.setClusterName(settings.name());
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.setPublicAddress(address + ":" + settings.port());
    network.getInterfaces().setEnabled(true).addInterface(address);
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    return config;
  }

  /**
   * Hazelcast binds interfaces by IP only; a host name (a container's service name) is resolved to
   * the address it names here.
   */
  static String resolve(String host) {
    try {
      return InetAddress.getByName(host).getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("--cluster-host: cannot resolve '" + host + "'", e);
    }
  }
}
