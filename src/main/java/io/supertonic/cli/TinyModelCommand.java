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

  @Option(
      names = "--vocoder-max-frames",
      defaultValue = "0",
      description =
          "For fault tests: the vocoder fails (a real ONNX Runtime error) on chunks longer than this"
              + " many latent frames (about 14 per second of audio); 0 = never (default).")
  int vocoderMaxFrames;

  @Override
  public Integer call() throws Exception {
    if (vocoderMaxFrames < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--vocoder-max-frames must be >= 0, got " + vocoderMaxFrames);
    }
    TinyModelWriter.write(out, vocoderMaxFrames);
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
