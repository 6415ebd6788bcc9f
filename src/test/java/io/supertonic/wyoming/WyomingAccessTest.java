package io.supertonic.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.supertonic.testing.TestServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The Wyoming server obeys the API-key policy by peer address, end to end on the tiny model.
 *
 * <p>Loopback is always trusted, so a refused peer needs a connection that does not come from
 * loopback: the tests connect to a non-loopback address of this machine, and the kernel then gives
 * the connection that address as its source. Nothing in the server is bent for the test. Traffic to
 * any address outside the loopback range must be a deliberate choice of whoever runs the tests (a
 * test host or network namespace of their own), so these tests run only when
 * SUPERTONIC_TEST_LAN_ADDRESS names such an address of this machine; otherwise they are skipped and
 * the policy itself is covered by PeerAdmissionTest.
 */
class WyomingAccessTest {
  private static final String KEY = "sk-wyoming-access-test";
  private static final String MARKER = "never-logged-6c1f";

  @TempDir static Path dir;
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static InetAddress lan;
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    LOGS.start();
    wyomingLogger().addAppender(LOGS);
    lan = configuredLanAddress();
    // Keys on, no allowlist, bound to every interface: loopback and LAN peers reach one server.
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("api_keys", new JsonArray().add(KEY))
                .put("wyoming_port", 0)
                .put(
                    "wyoming_host",
                    lan == null ? "127.0.0.1" : lan instanceof Inet6Address ? "::" : "0.0.0.0"));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      server.close();
    } finally {
      wyomingLogger().detachAppender(LOGS);
    }
    for (ILoggingEvent event : LOGS.list) {
      assertFalse(event.getFormattedMessage().contains(MARKER), event.getFormattedMessage());
      assertFalse(event.getFormattedMessage().contains(KEY), event.getFormattedMessage());
    }
  }

  private static Logger wyomingLogger() {
    return (Logger) LoggerFactory.getLogger(WyomingVerticle.class);
  }

  /**
   * The non-loopback address of this machine named by SUPERTONIC_TEST_LAN_ADDRESS, or null (the
   * LAN tests are then skipped).
   */
  private static InetAddress configuredLanAddress() throws SocketException, UnknownHostException {
    String named = System.getenv("SUPERTONIC_TEST_LAN_ADDRESS");
    if (named == null || named.isBlank()) {
      return null;
    }
    InetAddress address = InetAddress.getByName(named.trim());
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (nic.isUp() && !nic.isLoopback() && Collections.list(nic.getInetAddresses()).contains(address)) {
        return address;
      }
    }
    throw new IllegalStateException(
        "SUPERTONIC_TEST_LAN_ADDRESS=" + named + " is not an address of this machine's interfaces");
  }

  private static boolean logged(Level level, Predicate<String> line) {
    return LOGS.list.stream()
        .anyMatch(e -> e.getLevel() == level && line.test(e.getFormattedMessage()));
  }

  /** Deploys one more Wyoming server on the test node (its workers answer on the bus). */
  private static String deploy(JsonObject config, WyomingVerticle verticle) throws Exception {
    return server
        .vertx()
        .deployVerticle(verticle, new DeploymentOptions().setConfig(config))
        .await(30, TimeUnit.SECONDS);
  }

  private static void undeploy(String id) throws Exception {
    server.vertx().undeploy(id).await(30, TimeUnit.SECONDS);
  }

  private static JsonObject onLan(JsonObject config) {
    return config.put("wyoming_port", 0).put("wyoming_host", lan.getHostAddress());
  }

  private static void assertSpeaks(WyomingTestClient client) throws Exception {
    client.send("describe");
    assertEquals("info", client.read().type());
    client.send("synthesize", new JsonObject().put("text", "Hello from the network."));
    List<WyomingTestClient.Event> events = client.readUntil("audio-stop");
    assertEquals("audio-start", events.get(0).type());
    assertTrue(events.stream().anyMatch(e -> e.payload().length > 0), "some audio came");
  }

  /** Sends what Home Assistant would, then expects one unauthorized error and the close. */
  private static void assertRefused(WyomingTestClient client) throws Exception {
    client.send("synthesize", new JsonObject().put("text", "Say " + MARKER));
    WyomingTestClient.Event error = client.read();
    assertEquals("error", error.type());
    assertEquals("unauthorized", error.data().getString("code"));
    assertTrue(error.data().getString("text").contains("--wyoming-allow"), error.data().encode());
    assertTrue(client.closedByServer(), "the connection is closed after the error");
  }

  @Test
  void aLoopbackClientIsAdmittedWithKeysOn() throws Exception {
    try (WyomingTestClient client = new WyomingTestClient(server.node().wyomingPort())) {
      assertSpeaks(client);
    }
  }

  @Test
  void aPeerNotOnThisMachineIsRefusedWithKeysOnAndNoAllowlist() throws Exception {
    assumeTrue(lan != null, "set SUPERTONIC_TEST_LAN_ADDRESS to run the LAN-peer tests");
    assertTrue(
        logged(Level.WARN, l -> l.contains("admits only connections from this machine")),
        "the operator is told why Home Assistant on another host would be refused");
    try (WyomingTestClient client =
        new WyomingTestClient(lan.getHostAddress(), server.node().wyomingPort())) {
      assertRefused(client);
    }
    assertTrue(
        logged(
            Level.INFO,
            l -> l.contains("refused") && l.contains("from " + lan.getHostAddress() + " ")),
        "the refusal is logged with the peer's address");
    // The same server still serves this machine.
    try (WyomingTestClient client = new WyomingTestClient(server.node().wyomingPort())) {
      assertSpeaks(client);
    }
  }

  @Test
  void theAllowlistAdmitsItsPeersAndOnlyThem() throws Exception {
    assumeTrue(lan != null, "set SUPERTONIC_TEST_LAN_ADDRESS to run the LAN-peer tests");
    String block = lan.getHostAddress() + (lan instanceof Inet4Address ? "/24" : "/64");
    String elsewhere = lan instanceof Inet4Address ? "203.0.113.0/24" : "2001:db8::/32";
    JsonObject keys = new JsonObject().put("api_keys", new JsonArray().add(KEY));

    WyomingVerticle allowed = new WyomingVerticle();
    String id = deploy(onLan(keys.copy().put("wyoming_allow", elsewhere + ", " + block)), allowed);
    try (WyomingTestClient client =
        new WyomingTestClient(lan.getHostAddress(), allowed.actualPort())) {
      assertSpeaks(client);
    } finally {
      undeploy(id);
    }

    WyomingVerticle other = new WyomingVerticle();
    id = deploy(onLan(keys.copy().put("wyoming_allow", new JsonArray().add(elsewhere))), other);
    try (WyomingTestClient client =
        new WyomingTestClient(lan.getHostAddress(), other.actualPort())) {
      assertRefused(client);
    } finally {
      undeploy(id);
    }
    assertTrue(logged(Level.INFO, l -> l.contains("and from [" + elsewhere + "]")));
  }

  @Test
  void withoutKeysAPeerNotOnThisMachineIsAdmittedAndTheOpenBindIsWarnedAbout() throws Exception {
    assumeTrue(lan != null, "set SUPERTONIC_TEST_LAN_ADDRESS to run the LAN-peer tests");
    WyomingVerticle open = new WyomingVerticle();
    String id = deploy(onLan(new JsonObject()), open);
    try (WyomingTestClient client =
        new WyomingTestClient(lan.getHostAddress(), open.actualPort())) {
      assertSpeaks(client);
    } finally {
      undeploy(id);
    }
    assertTrue(
        logged(
            Level.WARN,
            l ->
                l.startsWith(
                    "No API key is set and the Wyoming server listens on "
                        + lan.getHostAddress())));
  }

  @Test
  void aBadAllowlistEntryFailsTheStart() {
    Exception e =
        org.junit.jupiter.api.Assertions.assertThrows(
            Exception.class,
            () ->
                deploy(
                    new JsonObject()
                        .put("wyoming_port", 0)
                        .put("wyoming_host", "127.0.0.1")
                        .put("wyoming_allow", "homeassistant.local"),
                    new WyomingVerticle()));
    assertTrue(e.getMessage().contains("--wyoming-allow 'homeassistant.local'"), e.getMessage());
  }
}
