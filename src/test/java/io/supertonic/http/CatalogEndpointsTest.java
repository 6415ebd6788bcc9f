package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Listings that OpenAI clients, Open WebUI and health probes read. */
class CatalogEndpointsTest {
  static final List<String> NATIVE =
      List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5");
  static final List<String> ALIASES =
      List.of(
          "alloy", "ash", "ballad", "cedar", "coral", "echo", "fable", "marin", "nova", "onyx",
          "sage", "shimmer", "verse");

  @RegisterExtension static final ServerPerClass SERVER = new ServerPerClass();

  private static HttpTestClient http() {
    return SERVER.http();
  }

  static JsonObject getJson(String path) throws Exception {
    HttpResponse<String> response = http().get(path);
    assertEquals(200, response.statusCode(), response.body());
    return new JsonObject(response.body());
  }

  static Set<String> ids(JsonArray array) {
    return array.stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toSet());
  }

  @Test
  void modelsListTheModelAndItsOpenAiAliases() throws Exception {
    JsonObject models = getJson("/v1/models");
    assertEquals("list", models.getString("object"));
    assertEquals(
        Set.of("supertonic-3", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"),
        ids(models.getJsonArray("data")));
    assertEquals("model", getJson("/v1/models/tts-1").getString("object"));
  }

  @Test
  void voicesListEveryAcceptedName() throws Exception {
    JsonObject voices = getJson("/v1/voices");
    assertEquals(NATIVE, voices.getJsonArray("supertonic_voices").getList());
    assertEquals("F1", voices.getJsonObject("openai_aliases").getString("alloy"));
    Set<String> all = ids(voices.getJsonArray("data"));
    assertTrue(all.containsAll(NATIVE) && all.containsAll(ALIASES), all.toString());
    assertEquals(23, all.size());
  }

  @Test
  void openWebUiListingsHaveEveryVoiceAndModel() throws Exception {
    JsonArray voices = getJson("/v1/audio/voices").getJsonArray("voices");
    Set<String> ids = ids(voices);
    assertTrue(ids.containsAll(NATIVE) && ids.containsAll(ALIASES), ids.toString());
    voices.forEach(v -> assertTrue(((JsonObject) v).getString("name").length() > 0));
    assertTrue(ids(getJson("/v1/audio/models").getJsonArray("models")).contains("supertonic-3"));
  }

  @Test
  void healthzDescribesTheServer() throws Exception {
    JsonObject health = getJson("/healthz");
    assertEquals("ok", health.getString("status"));
    assertEquals("supertonic-3", health.getString("model"));
    assertEquals(44100, health.getInteger("sample_rate"));
    assertEquals(NATIVE, health.getJsonArray("voices").getList());
    assertEquals(32, health.getJsonArray("languages").size());
    assertTrue(health.getBoolean("ws_enabled"));
    assertTrue(health.getJsonArray("providers").contains("CPU"), health.encode());
  }

  @Test
  void healthAndReadinessUseHealthChecks() throws Exception {
    JsonObject live = getJson("/health");
    assertEquals("UP", live.getString("status"));
    JsonObject ready = getJson("/readyz");
    assertEquals("UP", ready.getString("status"));
    Set<String> checks =
        ready.getJsonArray("checks").stream()
            .map(c -> ((JsonObject) c).getString("id"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("model", "worker"), checks);
  }

  @Test
  void otherOriginsAreRefusedByDefault() throws Exception {
    // Deliberate change (issue 9): no cross-origin access unless --cors-origin allows it;
    // io.supertonic.security.OriginPolicyTest covers the allowed cases.
    java.net.http.HttpResponse<String> preflight =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SERVER.server().baseUrl() + "/v1/audio/speech"))
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "http://app.example")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type,authorization")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, preflight.statusCode());
    assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    java.net.http.HttpResponse<String> get =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(SERVER.server().baseUrl() + "/v1/models"))
                    .header("Origin", "http://app.example")
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(403, get.statusCode());
    assertEquals(
        "origin_not_allowed", new JsonObject(get.body()).getJsonObject("error").getString("code"));
  }
}
