package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pronunciation lexicons over HTTP change what the next synthesis says. */
class LexiconEndpointTest {
  @TempDir static Path dir;
  private static Path lexiconDir;
  private static TestServer server;
  private static HttpTestClient http;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    lexiconDir = dir.resolve("lexicon");
    Files.createDirectories(lexiconDir);
    // Loaded at start: a Korean lexicon, and a broken file that must not stop the server.
    Files.writeString(
        lexiconDir.resolve("ko.json"), "{\"entries\":[{\"word\":\"AI\",\"say\":\"에이아이\"}]}");
    Files.writeString(lexiconDir.resolve("fr.json"), "{\"entries\":[{\"regex\":\"(\"}]}");
    server = TestServer.start(dir, new JsonObject().put("lexicon_dir", lexiconDir.toString()));
    http = new HttpTestClient(server.baseUrl());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> send(String method, String path, String body)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int pcmBytes(String text) throws Exception {
    HttpResponse<byte[]> response =
        http.speech(
            new JsonObject()
                .put("input", text)
                .put("voice", "F1")
                .put("lang", "en")
                .put("seed", 1)
                .put("response_format", "pcm"));
    assertEquals(200, response.statusCode());
    return response.body().length;
  }

  @Test
  void putChangesTheNextSynthesisAndDeleteRestoresIt() throws Exception {
    String text = "Say hi to Bob.";
    int before = pcmBytes(text);
    int bobbyBefore = pcmBytes("Say hi to Bobby.");
    HttpResponse<String> put =
        send(
            "PUT",
            "/v1/lexicon/en",
            "{\"entries\":[{\"word\":\"bob\",\"say\":\"Robert the magnificent, of the long name\"}]}");
    assertEquals(200, put.statusCode(), put.body());
    int after = pcmBytes(text);
    assertTrue(
        after > before * 2, "a much longer respelling, longer audio: " + before + " → " + after);
    assertEquals(bobbyBefore, pcmBytes("Say hi to Bobby."), "whole words only");
    // Saved for the next start.
    assertTrue(Files.readString(lexiconDir.resolve("en.json")).contains("magnificent"));
    JsonObject got = new JsonObject(send("GET", "/v1/lexicon/en", null).body());
    assertEquals("bob", got.getJsonArray("entries").getJsonObject(0).getString("word"));

    HttpResponse<String> deleted = send("DELETE", "/v1/lexicon/en", null);
    assertEquals(200, deleted.statusCode(), deleted.body());
    assertEquals(before, pcmBytes(text));
    assertFalse(Files.exists(lexiconDir.resolve("en.json")));
    assertEquals(
        0,
        new JsonObject(send("GET", "/v1/lexicon/en", null).body()).getJsonArray("entries").size());
  }

  /**
   * Read-your-writes: each reply comes after the change applies, as for uploaded voices. (Unlike
   * the voice upload, the old publish-and-reply did not lose this race on one node in 15 tries:
   * the publish reached the library verticle before the speech request reached the worker.)
   */
  @Test
  void theRequestRightAfterTheReplyIsSpokenWithTheChange() throws Exception {
    String text = "Call Ann now.";
    int plain = pcmBytes(text);
    String lexicon =
        "{\"entries\":[{\"word\":\"ann\",\"say\":\"Annabelle of the very long name\"}]}";
    for (int i = 0; i < 15; i++) {
      assertEquals(200, send("PUT", "/v1/lexicon/en", lexicon).statusCode());
      int changed = pcmBytes(text);
      assertTrue(changed > plain * 2, "try " + i + ": " + plain + " → " + changed);
      assertEquals(200, send("DELETE", "/v1/lexicon/en", null).statusCode());
      assertEquals(plain, pcmBytes(text), "try " + i + ": the delete had not applied");
    }
  }

  @Test
  void lexiconsFromTheDirectoryAreLoadedAndBrokenFilesSkipped() throws Exception {
    JsonObject list = new JsonObject(send("GET", "/v1/lexicon", null).body());
    assertEquals(1, list.getJsonObject("lexicons").getInteger("ko"));
    assertFalse(list.getJsonObject("lexicons").containsKey("fr"));
  }

  @Test
  void invalidLexiconsAndLanguagesAreOpenAiErrors() throws Exception {
    HttpResponse<String> badRegex =
        send("PUT", "/v1/lexicon/en", "{\"entries\":[{\"regex\":\"(\",\"say\":\"x\"}]}");
    assertEquals(400, badRegex.statusCode());
    JsonObject error = new JsonObject(badRegex.body()).getJsonObject("error");
    assertEquals("invalid_lexicon", error.getString("code"));
    assertEquals("invalid_request_error", error.getString("type"));
    assertTrue(error.getString("message").contains("entries[0]"), error.getString("message"));

    HttpResponse<String> notJson = send("PUT", "/v1/lexicon/en", "{entries");
    assertEquals(400, notJson.statusCode());
    assertEquals(
        "invalid_json", new JsonObject(notJson.body()).getJsonObject("error").getString("code"));

    HttpResponse<String> unknown = send("PUT", "/v1/lexicon/zz", "{\"entries\":[]}");
    assertEquals(400, unknown.statusCode());
    assertEquals(
        "invalid_language",
        new JsonObject(unknown.body()).getJsonObject("error").getString("code"));
    HttpResponse<String> traversal = send("GET", "/v1/lexicon/..%2Fx", null);
    assertEquals(400, traversal.statusCode());
  }
}
