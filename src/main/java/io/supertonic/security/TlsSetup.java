package io.supertonic.security;

import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.SelfSignedCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS for the API port: a PEM certificate and key, or a self-signed certificate generated at
 * start for a quick try. ALPN offers HTTP/2 and HTTP/1.1, so HTTP/2 clients stream audio over one
 * multiplexed connection; WebSockets run over HTTP/1.1 as wss.
 */
final class TlsSetup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TlsSetup.class);

  private final SecuritySettings settings;
  private SelfSignedCertificate selfSigned;

  TlsSetup(SecuritySettings settings) {
    this.settings = settings;
  }

  /** Generates the self-signed certificate if one is wanted (blocking: run off the event loop). */
  TlsSetup prepare(String host) {
    if (settings.tlsSelfSigned()) {
      selfSigned = SelfSignedCertificate.create(certificateHost(host));
      LOG.warn(
          "HTTPS with a self-signed certificate generated at start: clients must be told to trust"
              + " it. Use --tls-cert/--tls-key with a real certificate in production.");
    }
    return this;
  }

  HttpServerOptions apply(HttpServerOptions options) {
    PemKeyCertOptions keyCert =
        selfSigned != null
            ? selfSigned.keyCertOptions()
            : settings.tlsCert() != null
                ? new PemKeyCertOptions()
                    .setCertPath(settings.tlsCert())
                    .setKeyPath(settings.tlsKey())
                : null;
    if (keyCert == null) {
      return options;
    }
    return options.setSsl(true).setUseAlpn(true).setKeyCertOptions(keyCert);
  }

  private static String certificateHost(String host) {
    // Clients on this machine connect to "localhost"; others must trust the certificate (and
    // usually skip the host-name check) anyway.
    return host == null
            || host.isBlank()
            || host.equals("0.0.0.0")
            || host.equals("::")
            || AccessControl.isLoopback(host)
        ? "localhost"
        : host;
  }

  @Override
  public void close() {
    if (selfSigned != null) {
      selfSigned.delete();
      selfSigned = null;
    }
  }
}
