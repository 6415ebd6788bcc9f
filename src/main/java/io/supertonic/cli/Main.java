package io.supertonic.cli;

import io.supertonic.config.LayeredDefaults;
import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelLoadException;
import io.supertonic.store.ModelUnavailableException;
import picocli.CommandLine;

/** Entry point: {@code java -jar supertonic-server.jar [serve options] | <sub-command>}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree, with defaults layered from conf/config.json and SUPERTONIC_* variables. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ServeCommand());
    cli.setDefaultValueProvider(LayeredDefaults.fromEnvironment());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(Main::reportFailure);
    return cli;
  }

  /**
   * Failures an operator can fix (no model, bad model, bad setting) are one clear line, not a stack
   * trace; anything else is a bug and keeps its trace.
   */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed)
      throws Exception {
    if (e instanceof ModelUnavailableException
        || e instanceof ModelLoadException
        || e instanceof InvalidRequestException
        || e instanceof IllegalArgumentException) {
      cli.getErr().println("error: " + e.getMessage());
      cli.getErr().flush();
      return 1;
    }
    throw e;
  }
}
