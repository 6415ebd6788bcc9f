package io.supertonic.cli;

import io.supertonic.engine.tiny.BenchModelWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "bench-model",
    mixinStandardHelpOptions = true,
    description =
        "Writes a benchmark model: the real graph contract and Supertonic-3's size and cost per"
            + " second of audio (~97M random parameters, ~370 MB; noise, not speech).")
public final class BenchModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      description = "Directory to write the model into (created if missing).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1234",
      description =
          "Seed of the random weights; the same seed writes the same files (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    long start = System.nanoTime();
    BenchModelWriter.Summary summary = BenchModelWriter.write(out, seed);
    summary
        .parameters()
        .forEach((graph, n) -> w.printf(Locale.ROOT, "%s: %.1fM parameters%n", graph, n / 1e6));
    w.printf(
        Locale.ROOT,
        "total: %.1fM parameters, written to %s in %.1f s (use it with --model-dir %s)%n",
        summary.total() / 1e6,
        out.toAbsolutePath(),
        (System.nanoTime() - start) / 1e9,
        out);
    w.flush();
    return 0;
  }
}
