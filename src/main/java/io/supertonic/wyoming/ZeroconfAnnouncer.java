package io.supertonic.wyoming;

import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the Wyoming server over mDNS as {@code _wyoming._tcp.local.}, which Home Assistant's
 * Wyoming integration discovers on its own. Blocking (JmDNS probes the network): call it off the
 * event loop.
 */
final class ZeroconfAnnouncer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ZeroconfAnnouncer.class);

  static final String SERVICE_TYPE = "_wyoming._tcp.local.";

  private final JmDNS jmdns;
  private final ServiceInfo service;

  private ZeroconfAnnouncer(JmDNS jmdns, ServiceInfo service) {
    this.jmdns = jmdns;
    this.service = service;
  }

  /** What is announced: the instance name, the port, no TXT properties needed by clients. */
  static ServiceInfo serviceInfo(String instanceName, int port) {
    return ServiceInfo.create(SERVICE_TYPE, instanceName, port, 0, 0, Map.of());
  }

  /** The instance name: the program and the host, so two servers on one network differ. */
  static String instanceName(InetAddress address) {
    return TtsInfo.PROGRAM + "-" + address.getHostName().replace('.', '-');
  }

  /**
   * @param bindHost the Wyoming server's bind address; the wildcard address announces on the
   *     machine's primary interface
   */
  static ZeroconfAnnouncer start(String bindHost, int port) throws IOException {
    InetAddress address =
        bindHost == null || bindHost.equals("0.0.0.0") || bindHost.equals("::")
            ? InetAddress.getLocalHost()
            : InetAddress.getByName(bindHost);
    JmDNS jmdns = JmDNS.create(address, address.getHostName());
    ServiceInfo service = serviceInfo(instanceName(address), port);
    try {
      jmdns.registerService(service);
    } catch (IOException | RuntimeException e) {
      jmdns.close();
      throw e;
    }
    LOG.info(
        "Zeroconf: announced {} as '{}' on {} port {}",
        SERVICE_TYPE,
        service.getName(),
        address.getHostAddress(),
        port);
    return new ZeroconfAnnouncer(jmdns, service);
  }

  String name() {
    return service.getName();
  }

  @Override
  public void close() throws IOException {
    jmdns.unregisterService(service);
    jmdns.close();
  }
}
