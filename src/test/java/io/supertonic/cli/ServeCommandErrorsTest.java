package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up failures an operator can fix are one clear line and exit code 1, not a stack trace. */
class ServeCommandErrorsTest {
  @TempDir Path dir;

  private static String run(int expectedExit, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    assertEquals(expectedExit, cli.execute(args), err.toString());
    return err.toString();
  }

  @Test
  void aMissingModelOfflineSaysWhatToDo() {
    String err = run(1, "--offline", "--model-dir", dir.resolve("empty").toString(), "--port", "0");
    assertTrue(err.startsWith("error: model supertonic-3 is missing 16 files"), err);
    assertTrue(err.contains("--model-dir DIR") && err.contains("tiny-model"), err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
  }

  @Test
  void invalidSettingsAreRefusedBeforeLoadingAnything() {
    assertTrue(run(1, "--observability-buffer-size", "3").contains("between 10 and 10000"));
    assertTrue(run(1, "--role", "gateway").contains("needs --cluster"));
    assertTrue(
        run(1, "--role", "primary", "--offline", "--model-dir", dir.toString())
            .contains("all, gateway or worker"));
    assertTrue(run(1, "--log-level", "loud").contains("debug, info, warning or error"));
  }
}
