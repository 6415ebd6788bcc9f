package io.supertonic.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ServerLimitsTest {
  @Test
  void theShippedConfigFileStatesTheSameDefaults() throws Exception {
    JsonObject file = new JsonObject(Files.readString(Path.of("conf/config.json")));
    JsonObject defaults = ServerLimits.defaults().toJson();

    for (String key : defaults.fieldNames()) {
      assertTrue(file.containsKey(key), "conf/config.json lacks " + key);
      assertEquals(
          ((Object) defaults.getValue(key)).toString(),
          String.valueOf(
              file.getValue(key) instanceof Number n && defaults.getValue(key) instanceof Double
                  ? n.doubleValue()
                  : file.getValue(key)),
          key);
    }
  }

  @Test
  void jsonRoundTrips() {
    ServerLimits limits =
        ServerLimits.fromJson(
            new JsonObject().put("request_timeout_ms", 5).put("record_text", false));

    assertEquals(limits, ServerLimits.fromJson(limits.toJson()));
    assertEquals(5, limits.requestTimeoutMs());
  }

  @Test
  void outOfRangeValuesNameTheirKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServerLimits.fromJson(new JsonObject().put("ws_max_sessions", 0)));
    assertTrue(e.getMessage().contains("ws_max_sessions"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ServerLimits.fromJson(new JsonObject().put("max_audio_seconds", -1)));
  }

  @Test
  void theBodyLimitFollowsTheInputLimitUnlessSet() {
    assertEquals(20_000 * 4L + 64 * 1024, ServerLimits.defaults().bodyLimit(20_000));
    assertEquals(
        1000,
        ServerLimits.fromJson(new JsonObject().put("max_body_bytes", 1000)).bodyLimit(20_000));
  }
}
