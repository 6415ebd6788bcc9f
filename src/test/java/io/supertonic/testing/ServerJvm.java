package io.supertonic.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a test starts the server's main class in a JVM of its own, as an operator would. */
public final class ServerJvm {
  private ServerJvm() {}

  /**
   * {@code java} of this JVM with {@code jvmFlags}, the test classpath (the main classes and their
   * dependencies; the test classes are on it too but nothing loads them) and the main class; the
   * caller appends the server's arguments.
   */
  public static List<String> command(List<String> jvmFlags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    // Surefire runs tests from a manifest-only jar and puts the real classpath here.
    command.add(
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("io.supertonic.cli.Main");
    return command;
  }

  /**
   * A builder for {@code command} with its output (stdout and stderr) going to {@code log}. The
   * server reads only its flags: no {@code SUPERTONIC_*} settings leak in from the test's
   * environment.
   */
  public static ProcessBuilder builder(List<String> command, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SUPERTONIC_"));
    return builder;
  }
}
