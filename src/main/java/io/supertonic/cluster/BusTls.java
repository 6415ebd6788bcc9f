package io.supertonic.cluster;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mutual TLS for the clustered event bus (requests, text and audio between nodes): every node
 * presents its certificate and accepts only peers whose certificate the CA file signed. Hazelcast's
 * own port stays clear text (member TLS is a Hazelcast Enterprise feature); it carries membership
 * and the subscription map, not request content.
 *
 * @param cert this node's certificate chain, PEM
 * @param key its private key, PEM (PKCS#8 or PKCS#1)
 * @param ca the certificate(s) peers must be signed by, PEM
 */
public record BusTls(Path cert, Path key, Path ca) {
  public BusTls {
    for (Path file : new Path[] {cert, key, ca}) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("--cluster-tls-*: cannot read " + file);
      }
    }
  }

  EventBusOptions applyTo(EventBusOptions options) {
    return options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(cert.toString()).setKeyPath(key.toString()))
        .setTrustOptions(new PemTrustOptions().addCertPath(ca.toString()))
        .setClientAuth(ClientAuth.REQUIRED);
  }
}
