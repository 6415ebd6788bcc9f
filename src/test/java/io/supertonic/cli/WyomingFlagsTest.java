package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.config.LayeredDefaults;
import io.supertonic.wyoming.WyomingSettings;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Wyoming, lexicon and voices flags reach the server configuration; Wyoming is off by default.
 */
class WyomingFlagsTest {

  private static JsonObject config(JsonObject file, Map<String, String> env, String... args) {
    ServeCommand serve = new ServeCommand();
    LayeredDefaults layers = new LayeredDefaults(file, env);
    new CommandLine(serve).setDefaultValueProvider(layers).parseArgs(args);
    return serve.serverConfig(layers);
  }

  @Test
  void wyomingIsOffUnlessAPortIsGiven() {
    JsonObject config = config(new JsonObject(), Map.of());
    assertNull(config.getValue("wyoming_port"));
    assertFalse(WyomingSettings.fromJson(config).enabled());
    assertFalse(config.getBoolean("wyoming_zeroconf"));
  }

  @Test
  void flagsEnvironmentAndFileAllReachTheConfig() {
    JsonObject flags =
        config(
            new JsonObject(),
            Map.of(),
            "--wyoming-port",
            "10200",
            "--wyoming-host",
            "127.0.0.1",
            "--wyoming-zeroconf",
            "--lexicon",
            "/data/lexicon",
            "--voices-dir",
            "/data/voices");
    WyomingSettings settings = WyomingSettings.fromJson(flags);
    assertTrue(settings.enabled());
    assertEquals(10200, settings.port());
    assertEquals("127.0.0.1", settings.host());
    assertTrue(settings.zeroconf());
    assertEquals("/data/lexicon", flags.getString("lexicon_dir"));
    assertEquals("/data/voices", flags.getString("voices_dir"));

    assertEquals(
        10300,
        config(new JsonObject(), Map.of("SUPERTONIC_WYOMING_PORT", "10300"))
            .getInteger("wyoming_port"));
    JsonObject fromFile = config(new JsonObject().put("wyoming_port", 10400), Map.of());
    assertEquals(10400, fromFile.getInteger("wyoming_port"));
    assertEquals("0.0.0.0", WyomingSettings.fromJson(fromFile).host(), "defaults to --host");
  }

  @Test
  void wyomingAllowComesFromRepeatedFlagsTheEnvironmentOrTheFile() throws Exception {
    java.net.InetAddress lan = java.net.InetAddress.getByName("192.168.1.40");
    java.net.InetAddress v6 = java.net.InetAddress.getByName("fd00::7");
    WyomingSettings flags =
        WyomingSettings.fromJson(
            config(
                new JsonObject(),
                Map.of(),
                "--wyoming-port",
                "10200",
                "--wyoming-allow",
                "192.168.1.0/24",
                "--wyoming-allow",
                "fd00::/8"));
    assertEquals(java.util.List.of("192.168.1.0/24", "fd00::/8"), flags.allow().entries());
    assertTrue(flags.allow().contains(lan) && flags.allow().contains(v6));

    WyomingSettings env =
        WyomingSettings.fromJson(
            config(
                new JsonObject(),
                Map.of("SUPERTONIC_WYOMING_ALLOW", "192.168.1.40, fd00::/8"),
                "--wyoming-port",
                "0"));
    assertEquals(java.util.List.of("192.168.1.40", "fd00::/8"), env.allow().entries());

    WyomingSettings file =
        WyomingSettings.fromJson(
            config(
                new JsonObject().put("wyoming_allow", "10.0.0.0/8,192.168.1.40"),
                Map.of(),
                "--wyoming-port",
                "0"));
    assertEquals(java.util.List.of("10.0.0.0/8", "192.168.1.40"), file.allow().entries());

    assertTrue(WyomingSettings.fromJson(config(new JsonObject(), Map.of())).allow().isEmpty());
  }

  @Test
  void aBadWyomingAllowEntryIsRefusedBeforeTheModelLoads() {
    java.io.StringWriter err = new java.io.StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setErr(new java.io.PrintWriter(err));
    // No model dir: the command would fail later on the model; it must fail on the flag first.
    assertEquals(
        1, cli.execute("--offline", "--model-dir", "/nonexistent", "--wyoming-allow", "ha.local"));
    assertTrue(err.toString().startsWith("error: --wyoming-allow 'ha.local'"), err.toString());
  }
}
