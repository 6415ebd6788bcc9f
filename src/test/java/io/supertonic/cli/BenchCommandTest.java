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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} on the tiny model: the per-text table, for the built-in texts or given ones. */
class BenchCommandTest {
  @TempDir Path dir;

  @Test
  void givenTextsReplaceTheBuiltInOnes() throws Exception {
    Path model = TestServer.tinyModel(dir);
    Path out = dir.resolve("bench.json");
    String first = "This morning, I took a walk in the park.";
    String second = "The sound of the birds was so pleasant. I stopped to listen.";
    StringWriter printed = new StringWriter();
    picocli.CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(printed));
    cli.setErr(new PrintWriter(new StringWriter()));
    int exit =
        cli.execute(
            "bench", "--model-dir", model.toString(), "--device", "cpu", "--runs", "1",
            "--text", first, "--text", second, "--out", out.toString());
    assertEquals(0, exit, printed.toString());
    JsonArray texts = new JsonObject(Files.readString(out)).getJsonArray("texts");
    assertEquals(2, texts.size(), texts.encode());
    assertEquals(first.length(), texts.getJsonObject(0).getInteger("chars"));
    assertEquals(second.length(), texts.getJsonObject(1).getInteger("chars"));
    for (int i = 0; i < 2; i++) {
      JsonObject t = texts.getJsonObject(i);
      assertTrue(t.getDouble("audio_s") > 0, t.encode());
      assertTrue(t.getDouble("total_ms") > 0, t.encode());
    }
  }
}
