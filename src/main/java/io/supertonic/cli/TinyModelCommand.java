package io.supertonic.cli;

import io.supertonic.engine.tiny.TinyModelWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "tiny-model",
    mixinStandardHelpOptions = true,
    description = "Writes the tiny offline test model (tones, not speech).")
public final class TinyModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      description = "Directory to write the model into (created if missing).")
  Path out;

  @Override
  public Integer call() throws Exception {
    TinyModelWriter.write(out);
    spec.commandLine()
        .getOut()
        .println(
            "Wrote the tiny model to "
                + out.toAbsolutePath()
                + " (use it with --model-dir "
                + out
                + ")");
    return 0;
  }
}
