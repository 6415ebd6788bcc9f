package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Addresses and CIDR blocks, IPv4 and IPv6, parsed without DNS and matched bit by bit. */
class AddressAllowlistTest {
  private static AddressAllowlist of(String... entries) {
    return AddressAllowlist.parse("--wyoming-allow", List.of(entries));
  }

  private static InetAddress ip(String literal) {
    InetAddress address = AddressAllowlist.literal(literal);
    if (address == null) {
      throw new IllegalArgumentException(literal);
    }
    return address;
  }

  @Test
  void aSingleAddressMatchesOnlyItself() {
    AddressAllowlist list = of("192.168.1.20");
    assertTrue(list.contains(ip("192.168.1.20")));
    assertFalse(list.contains(ip("192.168.1.21")));
    assertFalse(list.contains(ip("192.168.1.2")));
  }

  @Test
  void ipv4BlocksMatchTheirPrefixOnly() {
    AddressAllowlist list = of("10.0.0.0/8", "192.168.1.0/24", "172.16.5.4/30");
    assertTrue(list.contains(ip("10.255.3.4")));
    assertTrue(list.contains(ip("192.168.1.0")));
    assertTrue(list.contains(ip("192.168.1.255")));
    assertFalse(list.contains(ip("192.168.2.1")));
    assertFalse(list.contains(ip("11.0.0.1")));
    assertTrue(list.contains(ip("172.16.5.7")));
    assertFalse(list.contains(ip("172.16.5.8")), "/30 spans .4 to .7");
  }

  @Test
  void hostBitsInABlockAreIgnoredAsInRoutingTables() {
    AddressAllowlist list = of("192.168.1.77/24");
    assertTrue(list.contains(ip("192.168.1.1")));
    assertFalse(list.contains(ip("192.168.0.77")));
  }

  @Test
  void ipv6AddressesAndBlocks() {
    AddressAllowlist list = of("fd00::/8", "2001:db8:1::/48", "2001:db8:ffff::7");
    assertTrue(list.contains(ip("fd12:3456::1")));
    assertFalse(list.contains(ip("fe80::1")));
    assertTrue(list.contains(ip("2001:db8:1:abcd::1")));
    assertFalse(list.contains(ip("2001:db8:2::1")));
    assertTrue(list.contains(ip("2001:0db8:ffff:0000:0000:0000:0000:0007")), "any spelling");
    assertFalse(list.contains(ip("2001:db8:ffff::8")));
  }

  @Test
  void familiesDoNotMixButMappedIpv4IsIpv4() {
    AddressAllowlist v4 = of("192.168.1.0/24");
    AddressAllowlist v6 = of("::/0");
    assertFalse(v6.contains(ip("192.168.1.5")), "an IPv6 block never holds an IPv4 peer");
    assertFalse(v4.contains(ip("fd00::1")));
    // A dual-stack socket may report an IPv4 peer as ::ffff:a.b.c.d.
    InetAddress mapped = AddressAllowlist.peer("::ffff:192.168.1.5");
    assertTrue(mapped instanceof Inet4Address);
    assertTrue(v4.contains(mapped));
    assertTrue(of("::ffff:192.168.1.0/24").contains(ip("192.168.1.9")));
  }

  @Test
  void zeroPrefixAdmitsTheWholeFamily() {
    assertTrue(of("0.0.0.0/0").contains(ip("203.0.113.9")));
    assertTrue(of("::/0").contains(ip("2001:db8::1")));
  }

  @Test
  void peersWithAZoneAndUnparseablePeers() {
    assertEquals(ip("fe80::1"), AddressAllowlist.peer("fe80:0:0:0:0:0:0:1%eth0"));
    assertNull(AddressAllowlist.peer("not-an-address"));
    assertNull(AddressAllowlist.peer(null));
    assertFalse(of("10.0.0.0/8").contains(null));
  }

  @Test
  void blankEntriesAreSkippedAndEntriesTrimmed() {
    AddressAllowlist list = of(" 10.0.0.1 ", "", "  ");
    assertEquals(List.of("10.0.0.1"), list.entries());
    assertTrue(list.contains(ip("10.0.0.1")));
    assertTrue(of().isEmpty());
    assertTrue(AddressAllowlist.none().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "homeassistant.local",
        "localhost",
        "192.168.1",
        "192.168.1.256",
        "192.168.1.0/33",
        "fd00::/129",
        "10.0.0.0/",
        "10.0.0.0/x",
        "10.0.0.0/-1",
        "010.0.0.1",
        "10.0.0.0/8/8",
        "*"
      })
  void anythingButAnIpLiteralOrBlockIsRefusedNamingTheOption(String entry) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> of("10.0.0.1", entry));
    assertTrue(e.getMessage().startsWith("--wyoming-allow '"), e.getMessage());
    assertTrue(e.getMessage().contains("192.168.1.0/24"), "shows an example: " + e.getMessage());
  }

  @Test
  void aHugeEntryIsTruncatedInTheError() {
    String huge = "x".repeat(10_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> of(huge));
    assertTrue(e.getMessage().length() < 300, e.getMessage());
  }
}
