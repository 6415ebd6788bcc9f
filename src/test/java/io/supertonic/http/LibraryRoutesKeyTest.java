package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With API keys set, the lexicon and voice routes refuse a missing or wrong key before doing
 * anything, and work with the right one: the server's access control covers them like every other
 * route.
 */
class LibraryRoutesKeyTest {
  private static final String KEY = "sk-library-test-42";
  private static final String LEXICON = "{\"entries\":[{\"word\":\"AI\",\"say\":\"A I\"}]}";
  private static final Map<String, String> NO_KEY = Map.of();
  private static final Map<String, String> WRONG_KEY = Map.of("Authorization", "Bearer wrong-key");
  private static final Map<String, String> RIGHT_KEY = Map.of("Authorization", "Bearer " + KEY);

  @TempDir static Path dir;
  private static Path lexiconDir;
  private static Path voicesDir;
  private static TestServer server;
  private static final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    lexiconDir = Files.createDirectories(dir.resolve("lexicon"));
    voicesDir = Files.createDirectories(dir.resolve("voices"));
    server =
        TestServer.start(
            dir,
            new JsonObject()
                .put("api_keys", new JsonArray().add(KEY))
                .put("lexicon_dir", lexiconDir.toString())
                .put("voices_dir", voicesDir.toString()));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> send(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Refused with and without a (wrong) key, in OpenAI's shape. */
  private static void assertRefused(String method, String path, String body) throws Exception {
    for (Map<String, String> headers : new Map[] {NO_KEY, WRONG_KEY}) {
      HttpResponse<String> response = send(method, path, body, headers);
      assertEquals(401, response.statusCode(), method + " " + path + ": " + response.body());
      assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
      JsonObject error = new JsonObject(response.body()).getJsonObject("error");
      assertEquals("invalid_api_key", error.getString("code"), response.body());
      assertFalse(response.body().contains("wrong-key"));
    }
  }

  @Test
  void lexiconRoutesNeedTheKey() throws Exception {
    assertRefused("GET", "/v1/lexicon/en", null);
    assertRefused("PUT", "/v1/lexicon/en", LEXICON);
    assertRefused("DELETE", "/v1/lexicon/en", null);
    assertRefused("GET", "/v1/lexicon", null);
    assertFalse(Files.exists(lexiconDir.resolve("en.json")), "a refused PUT saved nothing");

    HttpResponse<String> put = send("PUT", "/v1/lexicon/en", LEXICON, RIGHT_KEY);
    assertEquals(200, put.statusCode(), put.body());
    assertTrue(Files.exists(lexiconDir.resolve("en.json")));
    HttpResponse<String> got = send("GET", "/v1/lexicon/en", null, RIGHT_KEY);
    assertEquals(200, got.statusCode(), got.body());
    assertEquals(
        "AI",
        new JsonObject(got.body()).getJsonArray("entries").getJsonObject(0).getString("word"));

    assertRefused("DELETE", "/v1/lexicon/en", null);
    assertEquals(
        1,
        new JsonObject(send("GET", "/v1/lexicon/en", null, RIGHT_KEY).body())
            .getJsonArray("entries")
            .size(),
        "a refused DELETE removed nothing");
    HttpResponse<String> deleted = send("DELETE", "/v1/lexicon/en", null, RIGHT_KEY);
    assertEquals(200, deleted.statusCode(), deleted.body());
    assertEquals(
        0,
        new JsonObject(send("GET", "/v1/lexicon/en", null, RIGHT_KEY).body())
            .getJsonArray("entries")
            .size());
  }

  @Test
  void voiceUploadAndDeleteNeedTheKey() throws Exception {
    String style = VoiceUploadTest.variantOf(TestServer.tinyModel(dir), "F3", 0.7).encode();
    assertRefused("POST", "/v1/voices?id=keyed", style);
    assertFalse(Files.exists(voicesDir.resolve("keyed.json")), "a refused upload saved nothing");

    HttpResponse<String> created = send("POST", "/v1/voices?id=keyed", style, RIGHT_KEY);
    assertEquals(201, created.statusCode(), created.body());
    assertTrue(Files.exists(voicesDir.resolve("keyed.json")));

    assertRefused("DELETE", "/v1/voices/keyed", null);
    assertTrue(Files.exists(voicesDir.resolve("keyed.json")), "a refused delete removed nothing");
    HttpResponse<String> deleted = send("DELETE", "/v1/voices/keyed", null, RIGHT_KEY);
    assertEquals(200, deleted.statusCode(), deleted.body());
    assertFalse(Files.exists(voicesDir.resolve("keyed.json")));
  }
}
