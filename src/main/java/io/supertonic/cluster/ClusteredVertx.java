package io.supertonic.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts a Vert.x instance on a Hazelcast-backed clustered event bus. */
public final class ClusteredVertx {
  private static final Logger LOG = LoggerFactory.getLogger(ClusteredVertx.class);

  private ClusteredVertx() {}

  public static Future<Vertx> start(VertxOptions options, ClusterSettings settings) {
    System.setProperty("hazelcast.logging.type", "slf4j");
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("supertonic");
    config.getNetworkConfig().setPort(settings.port()).setPortAutoIncrement(false);
    config.getNetworkConfig().setPublicAddress(settings.host() + ":" + settings.port());
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(settings.host());
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    options.setEventBusOptions(
        new EventBusOptions()
            .setHost(settings.host())
            .setPort(settings.eventBusPort())
            .setClusterPublicHost(settings.host()));
    return Vertx.builder()
        .with(options)
        .withClusterManager(new HazelcastClusterManager(config))
        .buildClustered()
        .onSuccess(
            v ->
                LOG.info(
                    "Joined the cluster at {}:{} (members {})",
                    settings.host(),
                    settings.port(),
                    settings.members()));
  }
}
