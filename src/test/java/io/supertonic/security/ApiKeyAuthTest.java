package io.supertonic.security;

import static io.supertonic.security.Clients.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With keys set, every closed route refuses a missing or wrong key and serves the right one. */
class ApiKeyAuthTest {
  private static final String KEY = "sk-test-0123456789";
  private static final String FILE_KEY = "sk-from-file-abc";
  private static final List<String> CLOSED_GETS =
      List.of(
          "/v1/models",
          "/v1/models/tts-1",
          "/v1/voices",
          "/v1/audio/voices",
          "/v1/audio/models",
          "/metrics",
          "/metrics/summary",
          "/metrics/recent?limit=5",
          "/no-such-route");

  @TempDir static Path dir;
  private static final ch.qos.logback.core.read.ListAppender<
          ch.qos.logback.classic.spi.ILoggingEvent>
      LOGS = new ch.qos.logback.core.read.ListAppender<>();
  private static Path keysFile;
  private static TestServer server;
  private static Clients clients;

  @BeforeAll
  static void start() throws Exception {
    LOGS.start();
    rootLogger().addAppender(LOGS);
    projectLogger().setLevel(ch.qos.logback.classic.Level.DEBUG);
    keysFile = dir.resolve("keys.txt");
    Files.writeString(keysFile, "# team keys\n" + FILE_KEY + "\n\n");
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("api_keys", new JsonArray().add(KEY))
                .put("api_keys_file", keysFile.toString())
                .put("api_keys_file_check_ms", 50));
    clients = new Clients(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    rootLogger().detachAppender(LOGS);
    projectLogger().setLevel(null);
    // Everything logged while keys were accepted and refused, DEBUG included, names no key.
    assertTrue(LOGS.list.size() > 0);
    for (var event : LOGS.list) {
      String line = event.getFormattedMessage();
      for (String key : List.of(KEY, FILE_KEY, "wrong-key", "sk-added-later-xyz")) {
        assertFalse(line.contains(key), "a key reached the log: " + line);
      }
    }
  }

  private static ch.qos.logback.classic.Logger projectLogger() {
    return (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.supertonic");
  }

  private static ch.qos.logback.classic.Logger rootLogger() {
    return (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  private static void assertUnauthorized(HttpResponse<String> response) {
    assertEquals(401, response.statusCode(), response.body());
    assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
    JsonObject error = Clients.error(response);
    assertEquals("invalid_request_error", error.getString("type"));
    assertEquals("invalid_api_key", error.getString("code"));
    assertTrue(error.containsKey("param"));
    assertFalse(response.body().contains("wrong-key"), "the presented key is never echoed");
  }

  @Test
  void everyClosedGetRefusesMissingAndWrongKeysAndServesTheRightOne() throws Exception {
    for (String path : CLOSED_GETS) {
      assertUnauthorized(clients.get(path, Map.of()));
      assertUnauthorized(clients.get(path, bearer("wrong-key")));
      assertUnauthorized(clients.get(path, Map.of("Authorization", "Basic " + KEY)));
      int status = clients.get(path, bearer(KEY)).statusCode();
      assertEquals(path.equals("/no-such-route") ? 404 : 200, status, path);
    }
  }

  @Test
  void speechNeedsTheKey() throws Exception {
    assertUnauthorized(clients.speech(Map.of()));
    assertUnauthorized(clients.speech(bearer("wrong-key")));
    HttpResponse<String> ok = clients.speech(bearer(KEY));
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().length() > 0);
    assertEquals(200, clients.speech(Map.of("Authorization", "bearer  " + KEY)).statusCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/healthz", "/health", "/readyz", "/", "/index.html", "/js/api.js"})
  void healthChecksAndTheConsoleFilesStayOpen(String path) throws Exception {
    assertEquals(200, clients.get(path, Map.of()).statusCode(), path);
  }

  @Test
  void webSocketRefusesMissingAndWrongKeysAtTheUpgrade() throws Exception {
    Clients.Refused missing =
        assertInstanceOf(
            Clients.Refused.class, Clients.webSocket(server.vertx(), server.port(), Map.of()));
    assertEquals(401, missing.status());
    assertEquals("invalid_api_key", missing.error().getString("code"));
    Clients.Refused wrong =
        assertInstanceOf(
            Clients.Refused.class,
            Clients.webSocket(server.vertx(), server.port(), bearer("wrong-key")));
    assertEquals(401, wrong.status());
    Clients.Refused wrongQuery =
        assertInstanceOf(
            Clients.Refused.class,
            Clients.webSocket(
                server.vertx(),
                server.port(),
                "/v1/audio/speech/stream?api_key=wrong-key",
                Map.of(),
                false));
    assertEquals(401, wrongQuery.status());
  }

  @Test
  void webSocketAcceptsTheKeyInTheHeaderOrTheQuery() throws Exception {
    Object byHeader = Clients.webSocket(server.vertx(), server.port(), bearer(KEY));
    assertInstanceOf(WebSocket.class, byHeader);
    Clients.close(byHeader);
    Object byQuery =
        Clients.webSocket(
            server.vertx(),
            server.port(),
            "/v1/audio/speech/stream?api_key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8),
            Map.of(),
            false);
    assertInstanceOf(WebSocket.class, byQuery);
    Clients.close(byQuery);
  }

  @Test
  void metricsPublicOpensOnlyTheMetrics() throws Exception {
    try (TestServer open =
        TestServer.start(
            dir,
            new JsonObject()
                .put("api_keys", new JsonArray().add(KEY))
                .put("metrics_public", true))) {
      Clients c = new Clients(open.baseUrl());
      for (String path : List.of("/metrics", "/metrics/summary", "/metrics/recent")) {
        assertEquals(200, c.get(path, Map.of()).statusCode(), path);
      }
      assertUnauthorized(c.get("/v1/models", Map.of()));
      assertUnauthorized(c.speech(Map.of()));
    }
  }

  @Test
  void theQueryParameterIsNotAcceptedOnPlainHttp() throws Exception {
    assertUnauthorized(clients.get("/v1/models?api_key=" + KEY, Map.of()));
  }

  @Test
  void keysFileChangesApplyWithoutARestart() throws Exception {
    assertEquals(200, clients.get("/v1/models", bearer(FILE_KEY)).statusCode());
    String added = "sk-added-later-xyz";
    assertUnauthorized(clients.get("/v1/models", bearer(added)));
    Files.writeString(keysFile, added + "\n");
    awaitStatus("/v1/models", added, 200);
    // The replaced key stops working; the key given on the command line is unaffected.
    awaitStatus("/v1/models", FILE_KEY, 401);
    assertEquals(200, clients.get("/v1/models", bearer(KEY)).statusCode());
    // An emptied file refuses its keys but never opens the server.
    Files.writeString(keysFile, "# all revoked\n");
    awaitStatus("/v1/models", added, 401);
    assertUnauthorized(clients.get("/v1/models", Map.of()));
    Files.writeString(keysFile, FILE_KEY + "\n");
    awaitStatus("/v1/models", FILE_KEY, 200);
  }

  /** Polls (bounded) until the key gets the status: the file is checked every 50 ms. */
  private static void awaitStatus(String path, String key, int status) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    int last;
    do {
      last = clients.get(path, bearer(key)).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(20);
    } while (System.nanoTime() < deadline);
    assertEquals(status, last, "the keys file change did not apply within 10 s");
  }
}
