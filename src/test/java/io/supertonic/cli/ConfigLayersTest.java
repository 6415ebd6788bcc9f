package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.config.LayeredDefaults;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Built-in defaults &lt; conf/config.json &lt; SUPERTONIC_* environment &lt; command-line flags.
 */
class ConfigLayersTest {

  private static ServeCommand parse(JsonObject file, Map<String, String> env, String... args) {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).setDefaultValueProvider(new LayeredDefaults(file, env)).parseArgs(args);
    return serve;
  }

  @Test
  void builtInDefaultsApplyWhenNothingIsConfigured() {
    ServeCommand serve = parse(new JsonObject(), Map.of());
    assertEquals(8000, serve.port);
    assertEquals(8, serve.maxConcurrent);
    assertEquals("deadline", serve.scheduler);
    assertEquals("supertonic-3", serve.model.source.model);
    assertFalse(serve.noWarmup);
    assertEquals(24000, serve.pcmSampleRate, "raw pcm follows OpenAI's 24 kHz unless told otherwise");
  }

  @Test
  void fileOverridesDefaultsEnvironmentOverridesFileFlagsOverrideAll() {
    JsonObject file =
        new JsonObject().put("port", 7000).put("max_concurrent", 3).put("voice", "M2");
    Map<String, String> env =
        Map.of("SUPERTONIC_PORT", "9000", "SUPERTONIC_MODEL_DIR", "/models/x");
    ServeCommand fromLayers = parse(file, env);
    assertEquals(9000, fromLayers.port);
    assertEquals(3, fromLayers.maxConcurrent);
    assertEquals("M2", fromLayers.voice);
    assertEquals("/models/x", fromLayers.model.source.modelDir.toString());
    ServeCommand withFlag = parse(file, env, "--port", "9100", "--max-concurrent", "2");
    assertEquals(9100, withFlag.port);
    assertEquals(2, withFlag.maxConcurrent);
  }

  @Test
  void voiceAliasesComeFromTheFileTheEnvironmentAndRepeatedFlags() {
    JsonObject file =
        new JsonObject().put("voice_aliases", new JsonObject().put("alloy", "M3").put("nova", "F1"));
    ServeCommand serve =
        parse(file, Map.of(), "--voice-alias", "nova=F2", "--voice-alias", "bard=F1:0.7+M2:0.3");
    JsonObject aliases = serve.serverConfig(new LayeredDefaults(file, Map.of())).getJsonObject("voice_aliases");
    assertEquals(
        new JsonObject().put("alloy", "M3").put("nova", "F2").put("bard", "F1:0.7+M2:0.3"), aliases);
    ServeCommand fromEnv = parse(new JsonObject(), Map.of());
    Map<String, String> env = Map.of("SUPERTONIC_VOICE_ALIASES", "echo=M1, fable=F5");
    assertEquals(
        new JsonObject().put("echo", "M1").put("fable", "F5"),
        fromEnv.serverConfig(new LayeredDefaults(new JsonObject(), env)).getJsonObject("voice_aliases"));
    assertThrows(
        IllegalArgumentException.class,
        () -> parse(new JsonObject(), Map.of(), "--voice-alias", "a+b=F1")
            .serverConfig(new LayeredDefaults(new JsonObject(), Map.of())));
  }

  @Test
  void negatedSwitchesReadTheirPositiveSetting() {
    assertTrue(parse(new JsonObject().put("warmup", false), Map.of()).noWarmup);
    assertTrue(parse(new JsonObject(), Map.of("SUPERTONIC_UI", "0")).noUi);
    assertTrue(parse(new JsonObject(), Map.of("SUPERTONIC_NO_WARMUP", "1")).noWarmup);
    assertFalse(parse(new JsonObject().put("ui", true), Map.of()).noUi);
  }

  @Test
  void serverConfigCarriesEnvironmentOnlySettings() {
    LayeredDefaults layers =
        new LayeredDefaults(
            new JsonObject(),
            Map.of("SUPERTONIC_WS_ENABLED", "0", "SUPERTONIC_OBSERVABILITY_BUFFER_SIZE", "500"));
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).setDefaultValueProvider(layers).parseArgs();
    JsonObject config = serve.serverConfig(layers);
    assertFalse(config.getBoolean("ws_enabled"));
    assertEquals(500, config.getInteger("observability_buffer_size"));
  }

  @Test
  void anOutOfRangeBufferSizeIsRefusedBeforeAnythingLoads() {
    LayeredDefaults layers =
        new LayeredDefaults(new JsonObject(), Map.of("SUPERTONIC_OBSERVABILITY_BUFFER_SIZE", "5"));
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).setDefaultValueProvider(layers).parseArgs();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> serve.serverConfig(layers));
    assertTrue(e.getMessage().contains("10 and 10000"), e.getMessage());
  }

  @Test
  void helpListsEverySeedFlag() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    for (String flag :
        new String[] {
          "--host",
          "--port",
          "--device",
          "--model",
          "--model-dir",
          "--voice",
          "--lang",
          "--speed",
          "--total-steps",
          "--intra-threads",
          "--inter-threads",
          "--max-concurrent",
          "--no-warmup",
          "--warmup-text",
          "--no-ui",
          "--log-level",
          "--offline",
          "--max-queue",
          "synth",
          "bench",
          "tiny-model",
          "download"
        }) {
      assertTrue(out.toString().contains(flag), flag + " missing from --help");
    }
  }
}
