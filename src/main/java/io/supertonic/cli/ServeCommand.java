package io.supertonic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "supertonic-server",
    mixinStandardHelpOptions = true,
    version = "supertonic-server 0.1.0",
    description = "OpenAI-compatible text-to-speech server for Supertonic. Every flag also reads SUPERTONIC_<FLAG> "
        + "(e.g. SUPERTONIC_PORT=9000) and conf/config.json.",
    subcommands = {SynthCommand.class, BenchCommand.class, TinyModelCommand.class, DownloadCommand.class})
public final class ServeCommand implements Callable<Integer> {

  @Mixin ModelOptions model = new ModelOptions();

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Bind address (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8000", description = "Bind port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--voice", defaultValue = "F1", description = "Default voice (F1-F5, M1-M5 or an alias).")
  String voice;

  @Option(names = "--lang", defaultValue = "en", description = "Default language code.")
  String lang;

  @Option(names = "--speed", defaultValue = "1.05", description = "Default speed (0.5..2.0).")
  double speed;

  @Option(names = "--total-steps", defaultValue = "8", description = "Diffusion steps (1..50; 4..16 useful). Lower = faster.")
  int totalSteps;

  @Option(names = "--max-concurrent", defaultValue = "1", description = "Concurrent synthesis operations per process.")
  int maxConcurrent;

  @Option(names = "--max-queue", defaultValue = "16", description = "Requests that may wait for a worker; beyond it, 503.")
  int maxQueue;

  @Option(names = "--max-input-chars", defaultValue = "20000", description = "Longest accepted input text.")
  int maxInputChars;

  @Option(names = "--no-warmup", negatable = false, description = "Skip the startup warmup synthesis.")
  boolean noWarmup;

  @Option(names = "--warmup-text", defaultValue = "Hello, this is a warmup.", description = "Warmup utterance.")
  String warmupText;

  @Option(names = "--no-ui", negatable = false, description = "Disable the built-in web console at /.")
  boolean noUi;

  @Option(names = "--log-level", defaultValue = "info", description = "debug | info | warning | error.")
  String logLevel;

  @Override
  public Integer call() throws Exception {
    throw new UnsupportedOperationException("TODO serve");
  }
}
