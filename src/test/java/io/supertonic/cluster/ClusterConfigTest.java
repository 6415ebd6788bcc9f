package io.supertonic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import io.supertonic.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The shipped Hazelcast file, the flags that override it, and a bad {@code --cluster-config}. */
class ClusterConfigTest {
  @TempDir Path dir;

  @Test
  void theShippedConfigDetectsADeadMemberWithinFiveSecondsAndJoinsFast() {
    HazelcastConfigSource.Loaded loaded = HazelcastConfigSource.load(Optional.empty());
    Config config = loaded.config();
    int interval = Integer.parseInt(config.getProperty("hazelcast.heartbeat.interval.seconds"));
    int deadline = Integer.parseInt(config.getProperty("hazelcast.max.no.heartbeat.seconds"));
    // Checked every interval, removed after the deadline: known dead at most interval later.
    assertTrue(interval + deadline <= 5, interval + " + " + deadline);
    assertTrue(Integer.parseInt(config.getProperty("hazelcast.wait.seconds.before.join")) <= 1);
    assertTrue(Integer.parseInt(config.getProperty("hazelcast.max.wait.seconds.before.join")) <= 2);
    assertTrue(Integer.parseInt(config.getProperty("hazelcast.graceful.shutdown.max.wait")) <= 5);
    assertFalse(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled());
    // The tests read the repository's file through the classpath copy: they are the same file.
    assertTrue(Files.isRegularFile(Path.of(HazelcastConfigSource.SHIPPED)));
  }

  @Test
  void theCommandLineOwnsTheNameTheAddressAndTheMembers() {
    ClusterSettings settings =
        new ClusterSettings(
            "fleet-a",
            "127.0.0.1",
            5801,
            List.of("10.0.0.2:5701"),
            0,
            Optional.empty(),
            Optional.empty());
    Config config =
        ClusteredVertx.applySettings(
            HazelcastConfigSource.load(Optional.empty()).config(), settings, "127.0.0.1");
    assertEquals("fleet-a", config.getClusterName());
    assertEquals(5801, config.getNetworkConfig().getPort());
    assertFalse(config.getNetworkConfig().isPortAutoIncrement());
    assertEquals("127.0.0.1:5801", config.getNetworkConfig().getPublicAddress());
    assertEquals(
        List.of("10.0.0.2:5701"),
        config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    // Properties still come from the file.
    assertEquals("4", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
  }

  @Test
  void anOperatorsFileReplacesTheShippedOne() throws Exception {
    Path custom = dir.resolve("hz.xml");
    Files.writeString(
        custom,
        """
        <hazelcast xmlns="http://www.hazelcast.com/schema/config">
          <properties>
            <property name="hazelcast.max.no.heartbeat.seconds">9</property>
          </properties>
        </hazelcast>
        """);
    HazelcastConfigSource.Loaded loaded = HazelcastConfigSource.load(Optional.of(custom));
    assertEquals("9", loaded.config().getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals(custom.toAbsolutePath().toString(), loaded.origin());
  }

  @Test
  void aMissingOrInvalidFileIsOneClearLineBeforeAnythingStarts() throws Exception {
    Path broken = dir.resolve("broken.xml");
    Files.writeString(broken, "<hazelcast><nonsense/></hazelcast>");
    for (Path file : List.of(dir.resolve("missing.xml"), broken)) {
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setErr(new PrintWriter(err));
      int exit =
          cli.execute(
              "--cluster",
              "--role",
              "gateway",
              "--cluster-config",
              file.toString(),
              "--cluster-name",
              "config-test-" + System.nanoTime());
      assertEquals(1, exit, err.toString());
      assertTrue(err.toString().startsWith("error: --cluster-config: "), err.toString());
      assertTrue(err.toString().contains(file.toString()), err.toString());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> ClusterSettings.loopback(" ", 5701, List.of()),
        "an empty cluster name would join any unnamed cluster");
  }
}
