package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.tiny.TinyModelWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ordinary mistakes get a line (three for the first start without a model) that says what to do:
 * exit 2 for usage, 1 for the rest, a stack trace only with --verbose.
 */
class CliMistakesTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private static Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static void assertNoStackTrace(Run run) {
    assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
  }

  @Test
  void aFirstStartWithoutTheModelExplainsTheThreeWaysForwardInThreeLines() {
    Path empty = dir.resolve("cache");
    Run run = run("--offline", "--model-dir", empty.toString(), "--port", "0");
    assertEquals(1, run.exit(), run.err());
    List<String> lines = run.errLines();
    assertEquals(3, lines.size(), run.err());
    assertTrue(lines.get(0).startsWith("error: model supertonic-3 is missing 16 files"), run.err());
    assertTrue(run.err().contains("--model-repo"), "a mirror: " + run.err());
    assertTrue(run.err().contains("--model-dir DIR"), "files at hand: " + run.err());
    assertTrue(run.err().contains(" tiny-model --out models/tiny"), "offline trial: " + run.err());
    assertFalse(run.err().contains("target/"), "no guessed path: " + run.err());
    assertNoStackTrace(run);
    assertFalse(Files.exists(empty.resolve(".download.lock")), "no lock file left behind");
  }

  @Test
  void aPortInUseIsOneLineNamingThePortAndStackTraceOnlyWithVerbose() throws Exception {
    Path model = TinyModelWriter.write(dir.resolve("tiny"));
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String port = String.valueOf(taken.getLocalPort());
      String[] args = {
        "--model-dir",
        model.toString(),
        "--device",
        "cpu",
        "--host",
        "127.0.0.1",
        "--port",
        port,
        "--no-warmup",
        "--log-level",
        "error"
      };
      Run run = run(args);
      assertEquals(1, run.exit(), run.err());
      assertEquals(
          List.of(
              "error: port "
                  + port
                  + " on 127.0.0.1 is already in use (another server running?); choose another"
                  + " with --port"),
          run.errLines());

      String[] verbose = java.util.Arrays.copyOf(args, args.length + 1);
      verbose[args.length] = "--verbose";
      Run detailed = run(verbose);
      assertEquals(1, detailed.exit());
      assertTrue(detailed.err().contains("\tat "), "--verbose prints the trace: " + detailed.err());
    }
  }

  @Test
  void benchHttpWithoutAServerSaysSoInOneLine() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Run run =
        run(
            "bench-http",
            "--url",
            "http://127.0.0.1:" + port,
            "--requests",
            "1",
            "--out",
            dir.resolve("r.json").toString());
    assertEquals(1, run.exit(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("error: no server answers"), run.err());
  }

  @Test
  void synthToAnUnwritablePathFailsBeforeLoadingTheModel() {
    Path out = dir.resolve("no-such-dir").resolve("a.wav");
    Run run =
        run(
            "synth",
            "--model-dir",
            dir.resolve("nothing").toString(),
            "--offline",
            "--text",
            "hi",
            "--out",
            out.toString());
    assertEquals(1, run.exit(), run.err());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().startsWith("error: cannot write " + out), run.err());
    assertTrue(run.err().contains("--out"), run.err());
  }

  @Test
  void usageMistakesAreOneLineWithAHintAndExitTwo() {
    Run run = run("--prot", "8000");
    assertEquals(2, run.exit());
    assertEquals(1, run.errLines().size(), run.err());
    assertTrue(run.err().contains("--prot"), run.err());
    assertTrue(run.err().contains("--help"), run.err());
    Run typo = run("synth", "--txt", "hi", "--out", "a.wav");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("(did you mean ") && typo.err().contains("--text"), typo.err());
  }

  @Test
  void everySubcommandAnswersVersion() {
    for (String sub : Main.commandLine().getSubcommands().keySet()) {
      Run run = run(sub, "-V");
      assertEquals(0, run.exit(), sub);
      assertTrue(run.out().startsWith("supertonic-server "), sub + " -V printed: " + run.out());
    }
  }

  @Test
  void helpShowsOnlyTheCommandsOwnOptionsWithDefaultsAndOneNameEach() {
    Run download = run("download", "--help");
    assertTrue(download.out().contains("--model-dir"), download.out());
    for (String unrelated : List.of("--device", "--intra-threads", "--voices-dir", "--port")) {
      assertFalse(download.out().contains(unrelated), "download --help lists " + unrelated);
    }
    Run bench = run("bench", "--help");
    assertTrue(bench.out().contains("--intra-threads"), bench.out());
    assertFalse(bench.out().contains("--threads"), "one name for the thread count");
    Run serve = run("--help");
    assertTrue(serve.out().contains("(default: 16)"), "--max-queue shows its default");
    assertTrue(serve.out().contains("(default: 24000)"), "--pcm-sample-rate shows its default");
    assertFalse(serve.out().matches("(?s).*\\(default: [^)]*\\)\\.?\\s+\\(default:.*"), "twice");
  }
}
