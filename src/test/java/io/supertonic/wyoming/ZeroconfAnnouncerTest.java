package io.supertonic.wyoming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;

class ZeroconfAnnouncerTest {

  @Test
  void serviceInfoNamesTheWyomingTypeAndPort() {
    ServiceInfo info = ZeroconfAnnouncer.serviceInfo("supertonic-box", 10200);
    assertEquals("_wyoming._tcp.local.", info.getType());
    assertEquals("supertonic-box", info.getName());
    assertEquals(10200, info.getPort());
  }

  /**
   * Registration on loopback (probing and announcing) succeeds and unregisters on close. Resolving
   * it from a second responder needs multicast, which a loopback interface usually lacks, so that
   * part is checked only where the interface supports it.
   */
  @Test
  void registersOnLoopbackAndResolvesWhereMulticastWorks() throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    boolean multicast = NetworkInterface.getByInetAddress(loopback).supportsMulticast();
    try (ZeroconfAnnouncer announcer = ZeroconfAnnouncer.start(loopback.getHostAddress(), 10299)) {
      assertTrue(announcer.name().startsWith("supertonic-"), announcer.name());
      if (multicast) {
        try (JmDNS browser = JmDNS.create(loopback, "browser")) {
          ServiceInfo found =
              browser.getServiceInfo(ZeroconfAnnouncer.SERVICE_TYPE, announcer.name(), 10_000);
          assertNotNull(found, "the announcement is answered on loopback");
          assertEquals(10299, found.getPort());
        }
      }
    }
  }
}
