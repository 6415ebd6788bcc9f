package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-load against a real server on the tiny model, with small counts. */
class LoadBenchCommandTest {
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private record Run(int exit, String out, JsonObject report) {}

  private static Run run(String name, String... args) throws Exception {
    Path out = dir.resolve(name + ".json");
    List<String> all = new ArrayList<>(List.of("bench-load", "--url", server.baseUrl()));
    all.addAll(List.of(args));
    all.addAll(List.of("--out", out.toString(), "--progress-ms", "200"));
    StringWriter printed = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(printed));
    cli.setErr(new PrintWriter(new StringWriter()));
    int exit = cli.execute(all.toArray(String[]::new));
    JsonObject report = exit == 0 ? new JsonObject(Files.readString(out)) : null;
    return new Run(exit, printed.toString(), report);
  }

  @Test
  void closedLoopClientsAgainstASerialBaseline() throws Exception {
    Run run = run("closed", "--clients", "3", "--requests", "9", "--baseline", "3");
    assertEquals(0, run.exit(), run.out());
    JsonObject result = run.report().getJsonObject("result");
    assertEquals(9, result.getInteger("ok"), result.encodePrettily());
    assertEquals(0, result.getLong("errors"));
    assertEquals(3, run.report().getJsonObject("serial").getInteger("ok"));
    assertTrue(result.getDouble("audio_s") > 0);
    assertTrue(result.getDouble("throughput") > 0);
    assertTrue(run.report().getDouble("throughput_vs_serial") > 0);
    JsonObject ttfb = result.getJsonObject("ttfb_ms");
    assertTrue(ttfb.getDouble("p50") > 0 && ttfb.getDouble("p50") <= ttfb.getDouble("p99"));
    // Every request reports the server's queue wait from Server-Timing.
    assertEquals(9, result.getJsonObject("queue_ms").getInteger("count"));
    JsonArray samples = run.report().getJsonArray("samples");
    assertEquals(9, samples.size());
    for (Object o : samples) {
      JsonObject s = (JsonObject) o;
      assertTrue(s.getDouble("ttfb_ms") <= s.getDouble("total_ms"), s.encode());
      assertTrue(s.getDouble("audio_s") > 0, s.encode());
    }
    assertTrue(run.out().contains("| run | http | 3 clients | 9 / 0 / 0 |"), run.out());
  }

  @Test
  void openLoopPoissonArrivalsOverTheWebSocket() throws Exception {
    Run run =
        run(
            "open-ws",
            "--ws",
            "--rate",
            "20",
            "--requests",
            "6",
            "--baseline",
            "0",
            "--label",
            "ws-open");
    assertEquals(0, run.exit(), run.out());
    JsonObject result = run.report().getJsonObject("result");
    assertEquals("open", run.report().getString("mode"));
    assertEquals(6, result.getInteger("ok"), result.encodePrettily());
    assertTrue(result.getDouble("audio_s") > 0);
    assertTrue(run.out().contains("| ws-open | ws | Poisson 20.000 req/s |"), run.out());
  }

  @Test
  void rejectionsAreCountedNotHidden() throws Exception {
    try (TestServer small =
        TestServer.start(dir.resolve("small"), new JsonObject().put("max_queue", 0))) {
      Path out = dir.resolve("rejected.json");
      picocli.CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(new StringWriter()));
      cli.setErr(new PrintWriter(new StringWriter()));
      int exit =
          cli.execute(
              "bench-load",
              "--url",
              small.baseUrl(),
              "--clients",
              "6",
              "--requests",
              "24",
              "--baseline",
              "0",
              "--warmup-requests",
              "0",
              "--out",
              out.toString());
      assertEquals(0, exit);
      JsonObject result = new JsonObject(Files.readString(out)).getJsonObject("result");
      assertEquals(24, result.getInteger("ok") + result.getLong("rejected"), result.encode());
      assertTrue(result.getLong("rejected") > 0, result.encode());
      assertEquals(0, result.getLong("errors"), result.encode());
    }
  }

  @Test
  void soakSamplesTheServersMemory() throws Exception {
    long pid = ProcessHandle.current().pid(); // the server runs inside the test JVM
    Run run =
        run(
            "soak",
            "--soak",
            "--clients",
            "2",
            "--requests",
            "12",
            "--baseline",
            "0",
            "--sample-every",
            "4",
            "--soak-from",
            "4",
            "--server-pid",
            Long.toString(pid));
    assertEquals(0, run.exit(), run.out());
    JsonObject soak = run.report().getJsonObject("soak");
    assertTrue(soak.getString("source").contains("VmRSS"));
    // before the load, then after 4, 8 and 12 requests
    assertEquals(4, soak.getJsonArray("samples").size(), soak.encode());
    assertEquals(4, soak.getInteger("reference_request"));
    assertTrue(soak.getDouble("reference_mb") > 10, soak.encode());
    assertTrue(run.out().contains("soak: VmRSS"), run.out());
  }

  @Test
  void contradictoryOptionsAreRefused() throws Exception {
    assertEquals(SynthCommand.EXIT_BAD_REQUEST, run("bad", "--clients", "2", "--rate", "1").exit());
    assertEquals(
        SynthCommand.EXIT_BAD_REQUEST,
        run("bad2", "--utilization", "0.5", "--baseline", "0").exit());
  }
}
