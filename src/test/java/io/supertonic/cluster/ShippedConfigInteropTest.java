package io.supertonic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Vert.x service that joins the cluster with vertx-hazelcast's own defaults (as an outside client
 * following docs/event-bus.md does) is accepted by a node running the shipped conf/hazelcast.xml:
 * the tuned timings may differ between members, the partition count may not.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShippedConfigInteropTest {
  private final String cluster = "interop-test-" + UUID.randomUUID();
  private Vertx server;
  private Vertx outsider;

  @AfterEach
  void stop() throws Exception {
    for (Vertx v : new Vertx[] {outsider, server}) {
      if (v != null) {
        v.close().await(60, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aClientWithVertxHazelcastDefaultsJoinsAndTalksToANodeWithTheShippedConfig()
      throws Exception {
    int serverPort = freePort();
    int outsiderPort = freePort();
    server =
        ClusteredVertx.start(
                new VertxOptions(),
                ClusterSettings.loopback(cluster, serverPort, List.of("127.0.0.1:" + outsiderPort)))
            .await(60, TimeUnit.SECONDS);
    server
        .eventBus()
        .<String>consumer("interop.echo", m -> m.reply("echo:" + m.body()))
        .completion()
        .await(10, TimeUnit.SECONDS);

    Config defaults = ConfigUtil.loadConfig();
    defaults.setClusterName(cluster);
    defaults.getNetworkConfig().setPort(outsiderPort).setPortAutoIncrement(false);
    defaults.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = defaults.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + serverPort));
    outsider =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setEventBusOptions(
                        new EventBusOptions()
                            .setHost("127.0.0.1")
                            .setClusterPublicHost("127.0.0.1")))
            .withClusterManager(new HazelcastClusterManager(defaults))
            .buildClustered()
            .await(60, TimeUnit.SECONDS);

    String reply =
        outsider
            .eventBus()
            .<String>request("interop.echo", "hello")
            .await(10, TimeUnit.SECONDS)
            .body();
    assertEquals("echo:hello", reply);
  }
}
