package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open WebUI sends no language: with --lang auto, German and French text is read in German and
 * French, not English.
 */
class OpenWebUiLanguageTest {
  @TempDir Path dir;

  @Test
  void aServerDefaultingToAutoReadsGermanAndFrenchInTheirLanguage() throws Exception {
    try (TestServer server = TestServer.start(dir, new JsonObject().put("lang", "auto"))) {
      server.engine().text().loadLatinDetector(); // the worker loads it in the background
      HttpTestClient http = new HttpTestClient(server.baseUrl());
      String[][] cases = {
        {"Guten Morgen! Heute scheint die Sonne über der ganzen Stadt.", "de"},
        {"Bonjour à tous, nous allons commencer la réunion dans cinq minutes.", "fr"},
        {"Good morning, the meeting will start in five minutes.", "en"},
        {"Buenos días, la reunión empieza dentro de cinco minutos.", "es"},
      };
      for (String[] c : cases) {
        // Open WebUI's request: model, input, voice; no lang, no format (mp3 by default).
        JsonObject openWebUi =
            new JsonObject().put("model", "tts-1").put("input", c[0]).put("voice", "alloy");
        HttpResponse<byte[]> response = http.speech(openWebUi.put("response_format", "wav"));
        assertEquals(200, response.statusCode());
        assertEquals(c[1], response.headers().firstValue("X-Language").orElseThrow(), c[0]);
      }
    }
  }
}
