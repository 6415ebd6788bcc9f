package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.ModelVariant;
import io.supertonic.store.ChecksumPins;
import io.supertonic.store.DownloadProgress;
import io.supertonic.store.ModelLayout;
import io.supertonic.store.ModelStore;
import io.supertonic.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DownloadCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli =
        Main.configure(
            new CommandLine(
                new DownloadCommand(
                    () ->
                        new ModelStore(
                            StoreSettings.defaults(),
                            ChecksumPins.none(),
                            DownloadProgress.silent()))));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void printsTheDirectoryOfAnAlreadyCompleteModel() throws Exception {
    for (String file : ModelLayout.requiredFiles(ModelVariant.SUPERTONIC_3)) {
      Path path = tmp.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "x");
    }

    int code = run("--model", "supertonic-3", "--model-dir", tmp.toString(), "--offline");

    assertEquals(0, code, err.toString());
    assertEquals(tmp.toAbsolutePath().normalize().toString(), out.toString().trim());
  }

  @Test
  void offlineWithMissingFilesExitsNonZeroWithTheWaysForward() {
    int code = run("--model", "supertonic-2", "--model-dir", tmp.toString(), "--offline");

    assertEquals(1, code);
    String message = err.toString().trim();
    assertTrue(message.startsWith("error: model supertonic-2 is missing 16 files"), message);
    assertEquals(3, message.lines().count(), message);
    assertFalse(message.contains("at io.supertonic"), "no stack trace: " + message);
    assertTrue(message.contains("--model-dir DIR"), message);
    assertEquals("", out.toString());
  }

  @Test
  void unknownModelIsAOneLineError() {
    int code = run("--model", "supertonic-9", "--model-dir", tmp.toString(), "--offline");

    assertEquals(2, code);
    assertTrue(err.toString().contains("supertonic, supertonic-2, supertonic-3"), err.toString());
  }
}
