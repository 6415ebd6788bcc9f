package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class WsConfigTest {
  private static final ModelCatalog CATALOG =
      new ModelCatalog(44_100, List.of("F1", "F2", "M1"), List.of("en", "ko", "fr"));
  private final WsConfig defaults = WsSettings.fromJson(new JsonObject()).initialConfig();

  private WsConfig apply(String json) {
    return defaults.apply(new JsonObject(json), CATALOG);
  }

  private String error(String json) {
    return assertThrows(WsProtocolException.class, () -> apply(json)).getMessage();
  }

  @Test
  void defaultsComeFromTheSettings() {
    WsConfig c =
        WsSettings.fromJson(
                new JsonObject().put("voice", "M1").put("speed", 1.2).put("total_steps", 4))
            .initialConfig();
    assertEquals("M1", c.voice());
    assertEquals(1.2, c.speed());
    assertEquals(4, c.totalSteps());
    assertFalse(c.autoFlush());
    assertFalse(c.binary());
    assertEquals(44_100, c.outputRate(44_100));
  }

  @Test
  void appliesOnlyTheNamedFieldsAndIgnoresNulls() {
    WsConfig c =
        apply(
            "{\"type\":\"config\",\"voice\":\"alloy\",\"lang\":\"FR\",\"speed\":null,\"sample_rate\":16000,"
                + "\"auto_flush\":true,\"binary\":true,\"total_steps\":4.0}");
    assertEquals("alloy", c.voice());
    assertEquals("fr", c.lang());
    assertEquals(defaults.speed(), c.speed());
    assertEquals(4, c.totalSteps());
    assertTrue(c.autoFlush());
    assertTrue(c.binary());
    assertEquals(16_000, c.outputRate(44_100));
    JsonObject json = c.toJson(44_100);
    assertEquals("pcm_s16le_16000_1ch", json.getString("encoding"));
    assertEquals(16_000, json.getInteger("sample_rate"));
  }

  @Test
  void badValuesNameTheFieldAndTheValidRange() {
    assertTrue(error("{\"speed\":3}").contains("config.speed must be between 0.5 and 2.0"));
    assertTrue(error("{\"speed\":\"fast\"}").contains("config.speed must be a number"));
    assertTrue(
        error("{\"total_steps\":0}")
            .contains("config.total_steps must be an integer from 1 to 50"));
    assertTrue(error("{\"total_steps\":2.5}").contains("total_steps"));
    assertTrue(
        error("{\"sample_rate\":4000}")
            .contains("config.sample_rate must be an integer from 8000 to 48000"));
    assertTrue(error("{\"binary\":\"yes\"}").contains("config.binary must be true or false"));
    assertTrue(error("{\"voice\":\"\"}").contains("config.voice must be a non-empty string"));
    String voice = error("{\"voice\":\"Z9\"}");
    assertTrue(voice.contains("unknown voice 'Z9'") && voice.contains("F1, F2, M1"), voice);
    String lang = error("{\"lang\":\"xx\"}");
    assertTrue(lang.contains("unknown language 'xx'") && lang.contains("en, ko, fr"), lang);
  }

  @Test
  void anUnknownCatalogLeavesVoiceChecksToTheWorker() {
    WsConfig c = defaults.apply(new JsonObject().put("voice", "Z9"), ModelCatalog.unknown(44_100));
    assertEquals("Z9", c.voice());
  }

  @Test
  void settingsRejectNonsenseAndReadEnvStyleFlags() {
    assertFalse(WsSettings.fromJson(new JsonObject().put("ws_enabled", "0")).enabled());
    assertFalse(WsSettings.fromJson(new JsonObject().put("ws_enabled", false)).enabled());
    assertTrue(WsSettings.fromJson(new JsonObject()).enabled());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WsSettings.fromJson(new JsonObject().put("idle_timeout_ms", -1)));
    assertTrue(e.getMessage().contains("idle_timeout_ms"));
  }

  @Test
  void configuredAliasesAreVoicesAndTheShippedOnesStillAre() {
    ModelCatalog withAliases =
        new ModelCatalog(
            44_100,
            List.of("F1", "F2", "M1"),
            List.of("en"),
            io.supertonic.engine.VoiceAliases.withOverrides(
                java.util.Map.of("narrator", "F1:0.7+M1:0.3", "alloy", "M1")));
    assertEquals(
        "narrator", defaults.apply(new JsonObject().put("voice", "narrator"), withAliases).voice());
    assertEquals(
        "alloy", defaults.apply(new JsonObject().put("voice", "alloy"), withAliases).voice());
    String refused =
        assertThrows(
                WsProtocolException.class,
                () -> defaults.apply(new JsonObject().put("voice", "narrator"), CATALOG))
            .getMessage();
    assertTrue(refused.contains("unknown voice 'narrator'"), refused);
  }
}
