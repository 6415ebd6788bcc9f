package io.supertonic.security;

import static io.supertonic.security.Clients.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** 60 requests a minute with a burst of 2, per key: the third request at once gets 429. */
class RateLimitTest {
  @TempDir static Path dir;
  private static TestServer server;
  private static Clients clients;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("api_keys", new JsonArray().add("k-http").add("k-other").add("k-ws"))
                .put("rate_limit_rpm", 60)
                .put("rate_limit_burst", 2));
    clients = new Clients(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  @Test
  void overTheRateGets429WithOpenAiHeadersAndRecoversAfterRefill() throws Exception {
    HttpResponse<String> first = clients.speech(bearer("k-http"));
    assertEquals(200, first.statusCode(), first.body());
    assertEquals("60", header(first, "x-ratelimit-limit-requests"));
    assertEquals("1", header(first, "x-ratelimit-remaining-requests"));
    assertTrue(header(first, "x-ratelimit-reset-requests").matches("\\d+(\\.\\d+)?m?s"));
    assertEquals(200, clients.speech(bearer("k-http")).statusCode());

    HttpResponse<String> limited = clients.speech(bearer("k-http"));
    assertEquals(429, limited.statusCode());
    assertEquals("1", header(limited, "Retry-After"));
    assertEquals("60", header(limited, "x-ratelimit-limit-requests"));
    assertEquals("0", header(limited, "x-ratelimit-remaining-requests"));
    JsonObject error = Clients.error(limited);
    assertEquals("rate_limit_exceeded", error.getString("code"));
    assertEquals("requests", error.getString("type"));

    // Another key has its own bucket.
    assertEquals(200, clients.speech(bearer("k-other")).statusCode());

    // One token comes back per second: the key recovers without any restart.
    long deadline = System.nanoTime() + 10_000_000_000L;
    int status;
    do {
      Thread.sleep(100);
      status = clients.speech(bearer("k-http")).statusCode();
    } while (status == 429 && System.nanoTime() < deadline);
    assertEquals(200, status, "the key did not recover within 10 s");
  }

  @Test
  void webSocketUpgradesCountAgainstTheRate() throws Exception {
    for (int i = 0; i < 2; i++) {
      Object socket = Clients.webSocket(server.vertx(), server.port(), bearer("k-ws"));
      assertInstanceOf(WebSocket.class, socket);
      Clients.close(socket);
    }
    Clients.Refused refused =
        assertInstanceOf(
            Clients.Refused.class,
            Clients.webSocket(server.vertx(), server.port(), bearer("k-ws")));
    assertEquals(429, refused.status());
    assertEquals("rate_limit_exceeded", refused.error().getString("code"));
  }

  @Test
  void catalogReadsAreNotRateLimited() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertEquals(200, clients.get("/v1/models", bearer("k-other")).statusCode());
    }
  }

  @Test
  void unauthenticatedRequestsAreRefusedBeforeTheyCostAToken() throws Exception {
    for (int i = 0; i < 4; i++) {
      assertEquals(401, clients.speech(Map.of()).statusCode());
    }
  }
}
