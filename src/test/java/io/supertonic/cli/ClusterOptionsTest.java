package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.cluster.ClusterSettings;
import io.supertonic.config.LayeredDefaults;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The cluster flags as the README and docker/compose.yaml give them: on the command line, or as
 * SUPERTONIC_* variables (a container's environment).
 */
class ClusterOptionsTest {
  private static ServeCommand parse(Map<String, String> env, String... args) {
    ServeCommand serve = new ServeCommand();
    CommandLine cli = new CommandLine(serve);
    cli.setDefaultValueProvider(new LayeredDefaults(new JsonObject(), env));
    cli.parseArgs(args);
    return serve;
  }

  @Test
  void defaultsAreASingleLoopbackMemberOfTheSupertonicCluster() {
    ClusterSettings settings = parse(Map.of()).cluster.settings();
    assertEquals(
        new ClusterSettings(
            "supertonic", "127.0.0.1", 5701, List.of(), 0, Optional.empty(), Optional.empty()),
        settings);
    assertEquals(
        0, parse(Map.of()).busBridge.addTo(new JsonObject()).getInteger("bus_bridge_port"));
    assertEquals(
        1 << 20,
        parse(Map.of()).busBridge.addTo(new JsonObject()).getInteger("bus_bridge_max_frame_bytes"));
  }

  @Test
  void theBridgeFrameCapIsAFlagAndMustBePositive() {
    assertEquals(
        65536,
        parse(Map.of(), "--bus-bridge-max-frame-bytes", "65536")
            .busBridge
            .addTo(new JsonObject())
            .getInteger("bus_bridge_max_frame_bytes"));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class,
        () ->
            parse(Map.of(), "--bus-bridge-max-frame-bytes", "0").busBridge.addTo(new JsonObject()));
  }

  @Test
  void flagsSetEveryPartOfTheClusterSettings() {
    ClusterSettings settings =
        parse(
                Map.of(),
                "--cluster",
                "--cluster-name",
                "fleet",
                "--cluster-host",
                "10.0.0.10",
                "--cluster-port",
                "5801",
                "--cluster-members",
                "10.0.0.11,10.0.0.12:5702",
                "--cluster-bus-port",
                "5710",
                "--cluster-config",
                "/etc/hz.xml")
            .cluster
            .settings();
    assertEquals(
        new ClusterSettings(
            "fleet",
            "10.0.0.10",
            5801,
            List.of("10.0.0.11", "10.0.0.12:5702"),
            5710,
            Optional.of(Path.of("/etc/hz.xml")),
            Optional.empty()),
        settings);
  }

  @Test
  void theEnvironmentOfAContainerConfiguresTheSame() {
    ServeCommand serve =
        parse(
            Map.of(
                "SUPERTONIC_CLUSTER_NAME", "compose",
                "SUPERTONIC_CLUSTER_MEMBERS", "gateway:5701,worker-1:5701,worker-2:5701",
                "SUPERTONIC_CLUSTER_BUS_PORT", "5710",
                "SUPERTONIC_CLUSTER_CONFIG", "/etc/supertonic/hazelcast.xml",
                "SUPERTONIC_BUS_BRIDGE_PORT", "7000"));
    ClusterSettings settings = serve.cluster.settings();
    assertEquals("compose", settings.name());
    assertEquals(List.of("gateway:5701", "worker-1:5701", "worker-2:5701"), settings.members());
    assertEquals(5710, settings.eventBusPort());
    assertEquals(Optional.of(Path.of("/etc/supertonic/hazelcast.xml")), settings.configFile());
    JsonObject bridge = serve.busBridge.addTo(new JsonObject());
    assertEquals(7000, bridge.getInteger("bus_bridge_port"));
    assertEquals("127.0.0.1", bridge.getString("bus_bridge_host"));
  }
}
