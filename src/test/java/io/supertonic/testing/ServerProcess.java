package io.supertonic.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole server in a JVM of its own ({@code io.supertonic.cli.Main} with the tiny model, as an
 * operator starts it), for tests that signal the process or measure its memory apart from the test
 * JVM's. Its output goes to a log file; {@link #close()} kills it if it still runs.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("Ready: http://[^:]+:(\\d+)/");
  private static final long START_TIMEOUT_S = 90;

  private final Process process;
  private final Path log;
  private final int port;

  private ServerProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts a server on a free loopback port and waits (bounded) for its Ready line.
   *
   * @param dir a temporary directory: the tiny model and the log go there
   * @param jvmFlags flags for the server's JVM, before the main class
   * @param serverArgs serve options after {@code --model-dir}, {@code --host} and {@code --port}
   */
  public static ServerProcess start(Path dir, List<String> jvmFlags, List<String> serverArgs)
      throws Exception {
    return start(dir, Map.of(), jvmFlags, serverArgs);
  }

  /** As {@link #start(Path, List, List)}, with variables added to the server's environment. */
  public static ServerProcess start(
      Path dir, Map<String, String> env, List<String> jvmFlags, List<String> serverArgs)
      throws Exception {
    Path model = TestServer.tinyModel(dir);
    Path log = dir.resolve("server-" + System.nanoTime() + ".log");
    List<String> command = ServerJvm.command(jvmFlags);
    command.addAll(
        List.of(
            "--model-dir",
            model.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            "0"));
    command.addAll(serverArgs);
    ProcessBuilder builder = ServerJvm.builder(command, log);
    builder.environment().putAll(env);
    Process process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
    try {
      while (System.nanoTime() < deadline) {
        Matcher m = READY.matcher(Files.readString(log));
        if (m.find()) {
          return new ServerProcess(process, log, Integer.parseInt(m.group(1)));
        }
        if (!process.isAlive()) {
          throw new IllegalStateException("the server exited: " + Files.readString(log));
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException(
          "no Ready line within " + START_TIMEOUT_S + " s: " + Files.readString(log));
    } catch (Exception e) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Process process() {
    return process;
  }

  /** The server's output so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** A numeric field of {@code /proc/<pid>/status}, e.g. {@code VmRSS} (kB) or {@code Threads}. */
  public long procStatus(String field) throws IOException {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(field) + ":\\s+(\\d+)")
            .matcher(Files.readString(Path.of("/proc", Long.toString(process.pid()), "status")));
    if (!m.find()) {
      throw new IllegalStateException("no " + field + " in /proc/" + process.pid() + "/status");
    }
    return Long.parseLong(m.group(1));
  }

  /**
   * Runs a diagnostic command in the server's JVM ({@code jcmd <pid> <command>}), bounded to 30 s.
   */
  public String jcmd(String... command) throws Exception {
    List<String> line = new ArrayList<>();
    line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    line.add(Long.toString(process.pid()));
    line.addAll(List.of(command));
    Path out = Files.createTempFile("jcmd", ".txt");
    try {
      Process jcmd =
          new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!jcmd.waitFor(30, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
        throw new IllegalStateException("jcmd " + String.join(" ", command) + " took over 30 s");
      }
      String text = Files.readString(out);
      if (jcmd.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + String.join(" ", command) + ": " + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
