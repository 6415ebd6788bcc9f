package io.supertonic.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.cli.Main;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command line the documentation shows still parses: a renamed or removed option breaks this
 * test, not a reader's first try.
 */
class DocumentedCommandsTest {
  private static final String LAUNCHER = "java -jar target/supertonic-server.jar";

  static Stream<Path> markdownFiles() throws IOException {
    return MarkdownDocsTest.markdownFiles();
  }

  @ParameterizedTest
  @MethodSource("markdownFiles")
  void everyDocumentedCommandLineParses(Path file) throws IOException {
    List<String> failures = new ArrayList<>();
    for (String command : commands(Files.readAllLines(file))) {
      if (command.contains("...") || command.contains("[options]")) {
        continue; // a synopsis, not a command
      }
      try {
        Main.commandLine().parseArgs(arguments(command).toArray(new String[0]));
      } catch (CommandLine.ParameterException e) {
        failures.add(command + " -> " + e.getMessage());
      }
    }
    assertTrue(failures.isEmpty(), file.getFileName() + ": " + failures);
  }

  /** Command lines in code blocks, with backslash continuations joined. */
  private static List<String> commands(List<String> lines) {
    List<String> commands = new ArrayList<>();
    boolean inFence = false;
    StringBuilder pending = null;
    for (String line : lines) {
      if (line.strip().startsWith("```")) {
        inFence = !inFence;
        continue;
      }
      if (!inFence) {
        continue;
      }
      if (pending != null) {
        pending.append(' ').append(line.strip());
      } else {
        int at = line.indexOf(LAUNCHER);
        if (at < 0) {
          continue;
        }
        pending = new StringBuilder(line.substring(at + LAUNCHER.length()));
      }
      if (pending.toString().endsWith("\\")) {
        pending.setLength(pending.length() - 1);
      } else {
        commands.add(pending.toString().strip());
        pending = null;
      }
    }
    return commands;
  }

  /**
   * Shell words up to a comment, pipe, redirection, background or chain; quotes removed, shell
   * variables replaced by a number.
   */
  private static List<String> arguments(String command) {
    List<String> args = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i <= command.length(); i++) {
      char c = i < command.length() ? command.charAt(i) : ' ';
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          String w = word.toString();
          if (w.startsWith("#")
              || List.of("&", "&&", "|", ">", ";").contains(w)
              || w.startsWith("2>")) {
            return args;
          }
          // A shell variable ($!, $PID) stands for a value the reader's shell supplies.
          args.add(w.startsWith("$") ? "1" : w);
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    return args;
  }
}
