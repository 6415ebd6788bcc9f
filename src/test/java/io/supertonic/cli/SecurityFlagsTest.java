package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.config.LayeredDefaults;
import io.supertonic.security.SecuritySettings;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The security flags reach the server config through the same layers as every other flag. */
class SecurityFlagsTest {
  private static SecuritySettings settings(
      JsonObject file, Map<String, String> env, String... args) {
    LayeredDefaults layers = new LayeredDefaults(file, env);
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).setDefaultValueProvider(layers).parseArgs(args);
    return SecuritySettings.fromConfig(serve.serverConfig(layers));
  }

  @Test
  void defaultsAreOpenPlainHttpWithoutLimits() {
    SecuritySettings s = settings(new JsonObject(), Map.of());
    assertFalse(s.keysConfigured());
    assertFalse(s.metricsPublic());
    assertEquals(0, s.rateLimitRpm());
    assertEquals(0, s.maxStreamsPerKey());
    assertEquals(List.of(), s.corsOrigins());
    assertEquals(List.of(), s.effectiveWsOrigins());
    assertFalse(s.tls());
  }

  @Test
  void flagsEnvironmentAndFileCombine() {
    SecuritySettings s =
        settings(
            new JsonObject().put("rate_limit_rpm", 30).put("metrics_public", true),
            Map.of(
                "SUPERTONIC_API_KEYS", "env-1, env-2",
                "SUPERTONIC_RATE_LIMIT_BURST", "5",
                "SUPERTONIC_CORS_ORIGIN", "https://a.example,https://b.example"),
            "--api-key",
            "flag-1",
            "--api-key",
            "flag-2",
            "--max-streams-per-key",
            "3",
            "--ws-origin",
            "https://agent.example");
    assertEquals(List.of("flag-1", "flag-2", "env-1", "env-2"), s.apiKeys());
    assertEquals(30, s.rateLimitRpm());
    assertEquals(5, s.rateLimitBurst());
    assertEquals(3, s.maxStreamsPerKey());
    assertTrue(s.metricsPublic());
    assertEquals(List.of("https://a.example", "https://b.example"), s.corsOrigins());
    assertEquals(List.of("https://agent.example"), s.effectiveWsOrigins());
  }

  @Test
  void switchesReadTrueOrOneFromTheEnvironment() {
    assertTrue(
        settings(new JsonObject(), Map.of("SUPERTONIC_METRICS_PUBLIC", "true")).metricsPublic());
    assertTrue(
        settings(new JsonObject(), Map.of("SUPERTONIC_METRICS_PUBLIC", "1")).metricsPublic());
    assertFalse(
        settings(new JsonObject(), Map.of("SUPERTONIC_METRICS_PUBLIC", "0")).metricsPublic());
  }

  @Test
  void repeatedCorsOriginsAndTheBurstDefault() {
    SecuritySettings s =
        settings(
            new JsonObject(),
            Map.of(),
            "--cors-origin",
            "https://a.example",
            "--cors-origin",
            "*",
            "--rate-limit-rpm",
            "120");
    assertEquals(List.of("https://a.example", "*"), s.corsOrigins());
    assertEquals(s.corsOrigins(), s.effectiveWsOrigins());
    assertEquals(120, s.effectiveBurst());
    assertNull(s.apiKeysFile());
  }

  @Test
  void helpListsTheSecurityFlags() {
    java.io.StringWriter out = new java.io.StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    assertEquals(0, cli.execute("--help"));
    for (String flag :
        List.of(
            "--api-key",
            "--api-keys-file",
            "--auth-required",
            "--metrics-public",
            "--rate-limit-rpm",
            "--rate-limit-burst",
            "--max-streams-per-key",
            "--cors-origin",
            "--ws-origin",
            "--tls-cert",
            "--tls-key",
            "--tls-self-signed")) {
      assertTrue(out.toString().contains(flag), flag);
    }
  }
}
