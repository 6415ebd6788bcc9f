package io.supertonic.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.cli.Main;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Mutual TLS on the clustered event bus ({@code --cluster-tls-cert/-key/-ca}): nodes with
 * certificates from the CA talk; a node without TLS joins Hazelcast but gets nothing across the
 * bus.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ClusteredBusTlsTest {
  @TempDir Path dir;
  private final String cluster = "tls-test-" + UUID.randomUUID();
  private final java.util.List<Vertx> nodes = new java.util.ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (Vertx node : nodes) {
      node.close().await(60, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A self-signed certificate for 127.0.0.1 from keytool, written out as PEM files. */
  private BusTls selfSigned(String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "node",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(store.toFile())) {
      keyStore.load(in, "changeit".toCharArray());
    }
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Files.writeString(cert, pem("CERTIFICATE", keyStore.getCertificate("node").getEncoded()));
    Files.writeString(
        key, pem("PRIVATE KEY", keyStore.getKey("node", "changeit".toCharArray()).getEncoded()));
    return new BusTls(cert, key, cert);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private Vertx node(int port, List<Integer> members, Optional<BusTls> tls) throws Exception {
    Vertx node =
        ClusteredVertx.start(
                new VertxOptions(),
                new ClusterSettings(
                    cluster,
                    "127.0.0.1",
                    port,
                    members.stream().map(p -> "127.0.0.1:" + p).toList(),
                    0,
                    Optional.empty(),
                    tls))
            .await(60, TimeUnit.SECONDS);
    nodes.add(node);
    return node;
  }

  @Test
  void nodesWithCertificatesTalkAndANodeWithoutTlsGetsNothingAcross() throws Exception {
    BusTls tls = selfSigned("node");
    List<Integer> ports = List.of(freePort(), freePort(), freePort());
    Vertx first = node(ports.get(0), ports, Optional.of(tls));
    first
        .eventBus()
        .<String>consumer("tls.echo", m -> m.reply("echo:" + m.body()))
        .completion()
        .await(10, TimeUnit.SECONDS);
    Vertx second = node(ports.get(1), ports, Optional.of(tls));
    assertEquals(
        "echo:over tls",
        second
            .eventBus()
            .<String>request("tls.echo", "over tls")
            .await(20, TimeUnit.SECONDS)
            .body());

    Vertx plain = node(ports.get(2), ports, Optional.empty());
    DeliveryOptions quick = new DeliveryOptions().setSendTimeout(3000);
    Exception refused =
        assertThrows(
            Exception.class,
            () ->
                plain.eventBus().request("tls.echo", "in clear", quick).await(20, TimeUnit.SECONDS),
            "a node without the certificate must not reach a TLS node's consumers");
    // It knows the consumer (Hazelcast is shared); the message itself cannot cross.
    assertTrue(
        !(refused instanceof ReplyException reply)
            || reply.failureType() != ReplyFailure.NO_HANDLERS,
        refused::toString);
  }

  @Test
  void theThreeTlsFlagsGoTogether() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "--cluster",
            "--role",
            "gateway",
            "--cluster-name",
            cluster,
            "--cluster-tls-cert",
            dir.resolve("node.crt").toString());
    assertEquals(1, exit, err.toString());
    assertTrue(err.toString().contains("go together"), err.toString());
  }
}
