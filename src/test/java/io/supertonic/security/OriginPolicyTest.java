package io.supertonic.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CORS and WebSocket origins: allowed origins get CORS headers, foreign ones 403, requests without
 * an Origin (non-browser clients) and same-origin requests (the console) always pass.
 */
class OriginPolicyTest {
  private static final String APP = "http://app.example";
  private static final String EVIL = "http://evil.example";

  @TempDir static Path dir;
  private static TestServer server;
  private static Clients clients;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir, new JsonObject().put("cors_origins", new JsonArray().add(APP)));
    clients = new Clients(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  private static void assertForeignOriginRefused(HttpResponse<String> response) {
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("origin_not_allowed", Clients.error(response).getString("code"));
    assertEquals(null, header(response, "Access-Control-Allow-Origin"));
  }

  @Test
  void anAllowedOriginGetsPreflightAndCorsHeadersButNoCredentials() throws Exception {
    HttpResponse<String> preflight =
        clients.options(
            "/v1/audio/speech",
            Map.of(
                "Origin", APP,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type,authorization"));
    assertEquals(204, preflight.statusCode());
    assertEquals(APP, header(preflight, "Access-Control-Allow-Origin"));
    assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("POST"));
    assertTrue(
        header(preflight, "Access-Control-Allow-Headers").toLowerCase().contains("authorization"));
    assertEquals(null, header(preflight, "Access-Control-Allow-Credentials"));

    HttpResponse<String> speech = clients.speech(Map.of("Origin", APP));
    assertEquals(200, speech.statusCode());
    assertEquals(APP, header(speech, "Access-Control-Allow-Origin"));
    assertTrue(header(speech, "Access-Control-Expose-Headers").contains("X-Sample-Rate"));
  }

  @Test
  void aForeignOriginIsRefusedOnPreflightAndRequests() throws Exception {
    assertForeignOriginRefused(
        clients.options(
            "/v1/audio/speech", Map.of("Origin", EVIL, "Access-Control-Request-Method", "POST")));
    assertForeignOriginRefused(clients.speech(Map.of("Origin", EVIL)));
    assertForeignOriginRefused(clients.get("/v1/models", Map.of("Origin", EVIL)));
  }

  @Test
  void requestsWithoutOriginAndSameOriginRequestsPass() throws Exception {
    assertEquals(200, clients.speech(Map.of()).statusCode());
    HttpResponse<String> console = clients.speech(Map.of("Origin", server.baseUrl()));
    assertEquals(200, console.statusCode());
    assertEquals(null, header(console, "Access-Control-Allow-Origin"));
  }

  @Test
  void webSocketOriginsFollowTheCorsListByDefault() throws Exception {
    Clients.Refused refused =
        assertInstanceOf(
            Clients.Refused.class,
            Clients.webSocket(server.vertx(), server.port(), Map.of("Origin", EVIL)));
    assertEquals(403, refused.status());
    assertEquals("origin_not_allowed", refused.error().getString("code"));
    for (String origin : new String[] {APP, server.baseUrl()}) {
      Object socket = Clients.webSocket(server.vertx(), server.port(), Map.of("Origin", origin));
      assertInstanceOf(WebSocket.class, socket, origin);
      Clients.close(socket);
    }
    Object noOrigin = Clients.webSocket(server.vertx(), server.port(), Map.of());
    assertInstanceOf(WebSocket.class, noOrigin);
    Clients.close(noOrigin);
  }

  @Test
  void aSeparateWebSocketListAndTheStarWildcard() throws Exception {
    try (TestServer other =
        TestServer.start(
            dir,
            new JsonObject()
                .put("cors_origins", new JsonArray().add("*"))
                .put("ws_origins", new JsonArray().add(APP)))) {
      Clients c = new Clients(other.baseUrl());
      HttpResponse<String> any = c.get("/v1/models", Map.of("Origin", EVIL));
      assertEquals(200, any.statusCode());
      assertEquals("*", header(any, "Access-Control-Allow-Origin"));
      assertEquals(null, header(any, "Access-Control-Allow-Credentials"));
      Clients.Refused refused =
          assertInstanceOf(
              Clients.Refused.class,
              Clients.webSocket(other.vertx(), other.port(), Map.of("Origin", EVIL)));
      assertEquals(403, refused.status());
      Object allowed = Clients.webSocket(other.vertx(), other.port(), Map.of("Origin", APP));
      assertInstanceOf(WebSocket.class, allowed);
      Clients.close(allowed);
    }
  }

  @Test
  void sameOriginComparesHostAndPortWithTheSchemesDefaultPort() {
    assertTrue(OriginPolicy.isSameOrigin("http://127.0.0.1:8000", "127.0.0.1:8000"));
    assertTrue(OriginPolicy.isSameOrigin("https://tts.example.com", "tts.example.com"));
    assertTrue(OriginPolicy.isSameOrigin("https://TTS.example.com", "tts.example.com:443"));
    assertTrue(OriginPolicy.isSameOrigin("http://[::1]:8000", "[::1]:8000"));
    assertFalse(OriginPolicy.isSameOrigin("http://127.0.0.1:8001", "127.0.0.1:8000"));
    assertFalse(OriginPolicy.isSameOrigin("https://tts.example.com", "tts.example.com:8000"));
    assertFalse(OriginPolicy.isSameOrigin("http://tts.example.com.evil", "tts.example.com"));
    assertFalse(OriginPolicy.isSameOrigin("null", "tts.example.com"));
    assertFalse(OriginPolicy.isSameOrigin("http://a b", "a"));
  }
}
