package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.supertonic.cli.Main;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** What the server says and refuses at start-up. */
class SecurityStartupTest {
  @TempDir Path dir;

  private String run(int expectedExit, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(expectedExit, cli.execute(args), err.toString());
    return err.toString();
  }

  /** The model directory is empty and offline: refusing must happen before the model load. */
  private String[] serve(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("--offline", "--model-dir", dir.resolve("no-model").toString(), "--port", "0"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void authRequiredWithoutAKeyRefusesToStartWithOneLine() throws Exception {
    String err = run(1, serve("--auth-required"));
    assertTrue(err.startsWith("error: --auth-required is set but no API key is configured"), err);
    assertEquals(1, err.strip().lines().count(), err);
    Path empty = Files.writeString(dir.resolve("keys"), "# nothing yet\n");
    assertTrue(
        run(1, serve("--auth-required", "--api-keys-file", empty.toString()))
            .contains("no API key is configured"));
    // With a key, the check passes and start-up goes on to the (missing) model.
    String withKey = run(1, serve("--auth-required", "--api-key", "k1"));
    assertFalse(withKey.contains("--auth-required"), withKey);
    assertTrue(withKey.contains("onnx/"), withKey);
  }

  @Test
  void unreadableFilesAndHalfConfiguredTlsAreRefusedBeforeTheModelLoads() {
    assertTrue(
        run(1, serve("--api-keys-file", dir.resolve("missing").toString()))
            .contains("--api-keys-file"));
    assertTrue(
        run(1, serve("--tls-cert", dir.resolve("cert.pem").toString()))
            .contains("--tls-cert and --tls-key must be given together"));
    assertTrue(run(1, serve("--rate-limit-rpm", "-1")).contains("must be 0 (off) or positive"));
  }

  @Test
  void aNonLoopbackBindWithoutKeysLogsOneWarning() throws Exception {
    assertEquals(1, warningsAtStart(new JsonObject().put("host", "0.0.0.0")).size());
    assertEquals(0, warningsAtStart(new JsonObject().put("host", "127.0.0.1")).size());
    assertEquals(
        0,
        warningsAtStart(
                new JsonObject().put("host", "0.0.0.0").put("api_keys", new JsonArray().add("k")))
            .size());
  }

  private List<String> warningsAtStart(JsonObject overrides) throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(AccessControl.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (TestServer server = TestServer.start(dir, overrides)) {
      return appender.list.stream()
          .filter(e -> e.getLevel() == Level.WARN)
          .map(ILoggingEvent::getFormattedMessage)
          .peek(m -> assertTrue(m.contains("No API key is set"), m))
          .toList();
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void loopbackDetection() {
    assertTrue(AccessControl.isLoopback("127.0.0.1"));
    assertTrue(AccessControl.isLoopback("localhost"));
    assertTrue(AccessControl.isLoopback("::1"));
    assertTrue(AccessControl.isLoopback("[::1]"));
    assertFalse(AccessControl.isLoopback("0.0.0.0"));
    assertFalse(AccessControl.isLoopback("::"));
    assertFalse(AccessControl.isLoopback("10.0.0.5"));
    assertFalse(AccessControl.isLoopback("tts.example.com"));
  }
}
