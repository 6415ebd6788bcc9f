package io.supertonic.cli;

import io.supertonic.config.LayeredDefaults;
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
    return cli;
  }
}
