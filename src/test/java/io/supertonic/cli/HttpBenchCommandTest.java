package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-http against a real server on the tiny model: a complete, consistent report. */
class HttpBenchCommandTest {
  @TempDir Path dir;

  /** What one bench-http run printed and wrote. */
  private record Run(String printed, JsonObject report) {}

  /** Runs bench-http against the server with {@code args}, its report going to a fresh file. */
  private Run benchHttp(TestServer server, String... args) throws Exception {
    Path out = Files.createTempFile(dir, "bench-http", ".json");
    StringWriter printed = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(printed));
    List<String> line = new ArrayList<>(List.of("bench-http", "--url", server.baseUrl()));
    line.addAll(List.of(args));
    line.addAll(List.of("--out", out.toString()));
    int exit = cli.execute(line.toArray(String[]::new));
    assertEquals(0, exit, printed.toString());
    return new Run(printed.toString(), new JsonObject(Files.readString(out)));
  }

  @Test
  void writesAReportWithTimingsSplitIntoModelAndServer() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Run run = benchHttp(server, "--requests", "6", "--concurrency", "2", "--format", "mp3");
      JsonObject report = run.report();
      assertEquals(6, report.getJsonArray("samples").size());
      assertEquals(6, report.getJsonObject("ttfb_ms").getInteger("count"));
      for (Object o : report.getJsonArray("samples")) {
        JsonObject sample = (JsonObject) o;
        assertTrue(sample.getLong("bytes") > 0);
        assertTrue(sample.getDouble("first_chunk_synth_ms") >= 0, sample.encode());
        assertTrue(sample.getDouble("ttfb_ms") <= sample.getDouble("total_ms"), sample.encode());
        assertTrue(
            sample.getDouble("ttfb_ms") >= sample.getDouble("first_chunk_synth_ms"),
            sample.encode());
      }
      assertTrue(run.printed().contains("overhead"));
    }
  }

  @Test
  void reportsEachFormatWithItsFirstRequestApart() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Run run = benchHttp(server, "--requests", "3", "--formats", "pcm,wav,mp3");
      JsonObject report = run.report();
      assertEquals(List.of("pcm", "wav", "mp3"), report.getJsonArray("formats").getList());
      JsonObject byFormat = report.getJsonObject("by_format");
      assertEquals(3, byFormat.size());
      for (String format : List.of("pcm", "wav", "mp3")) {
        JsonObject r = byFormat.getJsonObject(format);
        JsonObject first = r.getJsonObject("first_request");
        assertEquals(format, first.getString("format"));
        assertTrue(first.getLong("bytes") > 0, first.encode());
        assertTrue(first.getDouble("first_chunk_synth_ms") >= 0, first.encode());
        // The first request is not among the p50/p95 samples.
        assertEquals(3, r.getJsonArray("samples").size());
        assertEquals(3, r.getJsonObject("overhead_ms").getInteger("count"));
        for (Object o : r.getJsonArray("samples")) {
          JsonObject sample = (JsonObject) o;
          assertEquals(format, sample.getString("format"));
          // overhead = TTFB - the first chunk's synthesis the server reported.
          assertEquals(
              sample.getDouble("ttfb_ms") - sample.getDouble("first_chunk_synth_ms"),
              sample.getDouble("overhead_ms"),
              0.02,
              sample.encode());
          assertEquals(
              sample.getDouble("overhead_ms") - Math.max(0, sample.getDouble("queue_ms")),
              sample.getDouble("server_overhead_ms"),
              0.02,
              sample.encode());
          assertTrue(sample.getDouble("server_ms") >= 0, sample.encode());
        }
        assertTrue(run.printed().contains("| " + format + " |"), run.printed());
      }
      // Several formats: no single format's figures at the top level.
      assertFalse(report.containsKey("samples"));
    }
  }

  @Test
  void refusesAnUnknownFormatBeforeSendingAnything() {
    StringWriter err = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "bench-http",
            "--url",
            "http://127.0.0.1:9",
            "--formats",
            "pcm,m4a",
            "--out",
            dir.resolve("x.json").toString());
    assertEquals(SynthCommand.EXIT_BAD_REQUEST, exit);
    assertTrue(err.toString().contains("m4a"), err.toString());
    assertFalse(Files.exists(dir.resolve("x.json")));
  }

  @Test
  void readsEachDurationFromServerTiming() {
    String header = "queue;dur=1.5, synth;dur=4.25;desc=\"first chunk\", server;dur=9.0";
    assertEquals(1.5, io.supertonic.cli.load.ServerTiming.durationMs(header, "queue"));
    assertEquals(4.25, io.supertonic.cli.load.ServerTiming.durationMs(header, "synth"));
    assertEquals(9.0, io.supertonic.cli.load.ServerTiming.durationMs(header, "server"));
    assertEquals(-1, io.supertonic.cli.load.ServerTiming.durationMs(header, "db"));
    assertEquals(-1, io.supertonic.cli.load.ServerTiming.durationMs(null, "synth"));
  }
}
