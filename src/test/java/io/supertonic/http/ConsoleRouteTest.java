package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console is served at / unless --no-ui removes the route; the API is unaffected either way.
 */
class ConsoleRouteTest {
  @TempDir Path dir;

  @Test
  void consoleIsServedByDefault() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      var response = new HttpTestClient(server.baseUrl()).get("/");
      assertEquals(200, response.statusCode());
      assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }
  }

  @Test
  void noUiRemovesTheConsoleButKeepsTheApi() throws Exception {
    try (TestServer server = TestServer.start(dir, new JsonObject().put("ui", false))) {
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      ErrorResponsesTest.assertOpenAiError(http.get("/"), 404, null);
      ErrorResponsesTest.assertOpenAiError(http.get("/index.html"), 404, null);
      assertEquals(200, http.get("/healthz").statusCode());
    }
  }
}
