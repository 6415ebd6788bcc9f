package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys-off/keys-on policy of a server that carries no key (Wyoming), decided by address. */
class PeerAdmissionTest {
  private static final AddressAllowlist ALLOW =
      AddressAllowlist.parse("--wyoming-allow", List.of("192.168.1.0/24", "fd00::/8", "10.1.2.3"));

  private static InetAddress ip(String literal) {
    return AddressAllowlist.literal(literal);
  }

  @Test
  void withoutKeysEveryPeerIsAdmittedAsHttpIsOpen() {
    PeerAdmission open = new PeerAdmission(() -> false, AddressAllowlist.none());
    for (String peer : List.of("203.0.113.7", "127.0.0.1", "2001:db8::1", "192.168.1.5")) {
      assertTrue(open.admits(ip(peer)), peer);
    }
    assertTrue(open.admits(null), "nothing to check against without keys");
  }

  @Test
  void withKeysLoopbackIsAlwaysAdmitted() {
    PeerAdmission closed = new PeerAdmission(() -> true, AddressAllowlist.none());
    assertTrue(closed.admits(ip("127.0.0.1")));
    assertTrue(closed.admits(ip("127.0.0.2")), "all of 127/8 is this machine");
    assertTrue(closed.admits(ip("::1")));
    assertTrue(closed.admits(ip("::ffff:127.0.0.1")));
  }

  @Test
  void withKeysOnlyTheAllowlistIsAdmittedBesidesLoopback() {
    PeerAdmission closed = new PeerAdmission(() -> true, ALLOW);
    assertTrue(closed.admits(ip("192.168.1.40")));
    assertTrue(closed.admits(ip("fd00:1::40")));
    assertTrue(closed.admits(ip("10.1.2.3")));
    assertFalse(closed.admits(ip("10.1.2.4")));
    assertFalse(closed.admits(ip("192.168.2.40")));
    assertFalse(closed.admits(ip("2001:db8::1")));
    assertFalse(closed.admits(ip("0.0.0.0")));
    assertFalse(closed.admits(null), "an unknown peer address fails closed");
  }

  @Test
  void withKeysAndNoAllowlistEveryForeignPeerIsRefused() {
    PeerAdmission closed = new PeerAdmission(() -> true, AddressAllowlist.none());
    for (String peer : List.of("192.0.2.2", "192.168.1.5", "fd00::2", "fe80::1")) {
      assertFalse(closed.admits(ip(peer)), peer);
    }
  }

  @Test
  void aKeysFileEmptiedAtRunTimeKeepsWyomingClosed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keys.txt");
    Files.writeString(file, "sk-only-key\n");
    Vertx vertx = Vertx.vertx();
    try {
      ApiKeyStore keys =
          ApiKeyStore.start(
                  vertx,
                  new JsonObject()
                      .put("api_keys", new JsonArray())
                      .put("api_keys_file", file.toString())
                      .put("api_keys_file_check_ms", 50))
              .await(10, TimeUnit.SECONDS);
      PeerAdmission policy = PeerAdmission.of(keys, AddressAllowlist.none());
      assertFalse(policy.admits(ip("192.0.2.2")));
      Files.writeString(file, "# every key revoked\n");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (keys.size() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(keys.size() == 0, "the emptied file was re-read");
      assertFalse(policy.admits(ip("192.0.2.2")), "no key left does not mean open");
      assertTrue(policy.admits(ip("127.0.0.1")));
      keys.close();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void noKeySourceMeansOpen() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ApiKeyStore keys = ApiKeyStore.start(vertx, new JsonObject()).await(10, TimeUnit.SECONDS);
      assertTrue(PeerAdmission.of(keys, AddressAllowlist.none()).admits(ip("192.0.2.2")));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
