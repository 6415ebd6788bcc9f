package io.supertonic.bus;

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

/**
 * The protocol across a clustered event bus: two Vert.x instances joined by Hazelcast on loopback
 * (a cluster name and ports of their own, so parallel test runs on the machine never meet). The
 * client node also hosts worker 1; worker 0 is on the other node, so single-worker cases cross the
 * cluster.
 */
class ClusteredBusConformanceTest extends BusConformance {
  private Vertx clientNode;
  private Vertx workerNode;

  @Override
  void startNodes() throws Exception {
    String cluster = "bus-conformance-" + UUID.randomUUID();
    int clientPort = freePort();
    int workerPort = freePort();
    var starting =
        List.of(node(cluster, clientPort, workerPort), node(cluster, workerPort, clientPort));
    clientNode = starting.get(0).await(120, TimeUnit.SECONDS);
    workerNode = starting.get(1).await(120, TimeUnit.SECONDS);
  }

  @Override
  void stopNodes() throws Exception {
    workerNode.close().await(30, TimeUnit.SECONDS);
    clientNode.close().await(30, TimeUnit.SECONDS);
  }

  @Override
  Vertx clientNode() {
    return clientNode;
  }

  @Override
  Vertx workerNode(int i) {
    return i == 0 ? workerNode : clientNode;
  }

  private static io.vertx.core.Future<Vertx> node(String cluster, int port, int otherPort) {
    return node(cluster, port, otherPort, HazelcastClusterManager::new);
  }

  /** A node of its own cluster on loopback, with a cluster manager made by {@code manager}. */
  static io.vertx.core.Future<Vertx> node(
      String cluster,
      int port,
      int otherPort,
      java.util.function.Function<Config, HazelcastClusterManager> manager) {
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(List.of("127.0.0.1:" + otherPort));
    return Vertx.builder()
        .with(
            new VertxOptions()
                .setEventBusOptions(
                    new EventBusOptions()
                        .setHost("127.0.0.1")
                        .setPort(0)
                        .setClusterPublicHost("127.0.0.1")))
        .withClusterManager(manager.apply(config))
        .buildClustered();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
