package io.supertonic.cli;

import io.supertonic.config.LayeredDefaults;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/** Entry point: {@code java -jar supertonic-server.jar [serve options] | <sub-command>}. */
public final class Main {
  static final String VERBOSE = "--verbose";

  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command tree, with defaults layered from conf/config.json and SUPERTONIC_* variables. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new ServeCommand());
    cli.setDefaultValueProvider(LayeredDefaults.fromEnvironment());
    return configure(cli);
  }

  /** Error reporting, -V and defaults in help, for a command and all its sub-commands. */
  static CommandLine configure(CommandLine cli) {
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler(Main::reportFailure);
    cli.setParameterExceptionHandler(Main::reportUsageError);
    String[] version = new CommandLine(new ServeCommand()).getCommandSpec().version();
    forEachCommand(
        cli,
        command -> {
          // -V answers the same on every sub-command, and every help shows the defaults.
          command.getCommandSpec().version(version);
          showDefaults(command.getCommandSpec());
        });
    return cli;
  }

  /**
   * Appends "(default: X)" to every option that has a default and does not say it yet, so that help
   * shows every default without each option repeating the phrase (and without duplicates).
   */
  private static void showDefaults(CommandLine.Model.CommandSpec spec) {
    for (CommandLine.Model.OptionSpec option : List.copyOf(spec.options())) {
      // description() comes back interpolated: "${DEFAULT-VALUE}" already reads "(default: 3)".
      String[] description = option.description();
      boolean says =
          String.join(" ", description).toLowerCase(java.util.Locale.ROOT).contains("(default");
      if (says || option.usageHelp() || option.versionHelp() || option.arity().max() == 0) {
        continue;
      }
      if (defaultOf(spec, option) == null) {
        continue;
      }
      String[] extended = description.clone();
      if (extended.length == 0) {
        extended = new String[] {""};
      }
      extended[extended.length - 1] += " (default: ${DEFAULT-VALUE})";
      spec.remove(option);
      spec.addOption(option.toBuilder().description(extended).build());
    }
  }

  private static String defaultOf(
      CommandLine.Model.CommandSpec spec, CommandLine.Model.OptionSpec option) {
    try {
      CommandLine.IDefaultValueProvider provider = spec.defaultValueProvider();
      String fromLayers = provider == null ? null : provider.defaultValue(option);
      return fromLayers != null ? fromLayers : option.defaultValue();
    } catch (Exception e) {
      return option.defaultValue();
    }
  }

  private static void forEachCommand(
      CommandLine command, java.util.function.Consumer<CommandLine> action) {
    action.accept(command);
    command.getSubcommands().values().forEach(sub -> forEachCommand(sub, action));
  }

  /**
   * Failures an operator can fix (no model, a port in use, an unwritable file, no server) are a
   * line or three that say what to do, exit 1; anything else is a bug: one line without --verbose,
   * the stack trace with it.
   */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    boolean verbose = parsed.originalArgs().contains(VERBOSE);
    Optional<List<String>> explained = FailureReport.explain(e);
    explained.ifPresentOrElse(
        lines -> lines.forEach(err::println), () -> err.println(FailureReport.unexpected(e)));
    if (verbose) {
      e.printStackTrace(err);
    }
    err.flush();
    return 1;
  }

  /** Option names within two edits of a mistyped one ("--prot" → "--port"). */
  private static List<String> closeOptionNames(CommandLine cli, String typed) {
    String name = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    if (!name.startsWith("-")) {
      return List.of();
    }
    return cli.getCommandSpec().optionsMap().keySet().stream()
        .filter(option -> option.startsWith("--") && editDistance(option, name) <= 2)
        .sorted()
        .toList();
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /** Usage mistakes: one line with the reason and where to look, exit 2 (no page of usage). */
  private static int reportUsageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    StringBuilder line = new StringBuilder("error: ").append(e.getMessage());
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched
        && !unmatched.getUnmatched().isEmpty()) {
      List<String> close = closeOptionNames(cli, unmatched.getUnmatched().get(0));
      if (!close.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", close)).append("?)");
      }
    }
    line.append("; see '").append(cli.getCommandSpec().qualifiedName()).append(" --help'");
    cli.getErr().println(line);
    cli.getErr().flush();
    return cli.getCommandSpec().exitCodeOnInvalidInput();
  }
}
