package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bench-http against a real server on the tiny model: a complete, consistent report. */
class HttpBenchCommandTest {
  @TempDir Path dir;

  @Test
  void writesAReportWithTimingsSplitIntoModelAndServer() throws Exception {
    try (TestServer server = TestServer.start(dir)) {
      Path out = dir.resolve("bench-http.json");
      StringWriter printed = new StringWriter();
      picocli.CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(printed));
      int exit =
          cli.execute(
              "bench-http",
              "--url",
              server.baseUrl(),
              "--requests",
              "6",
              "--concurrency",
              "2",
              "--format",
              "mp3",
              "--out",
              out.toString());
      assertEquals(0, exit, printed.toString());
      JsonObject report = new JsonObject(Files.readString(out));
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
      assertTrue(printed.toString().contains("server_overhead_ms"));
    }
  }
}
