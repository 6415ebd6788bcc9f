package io.supertonic.cluster.jvm;

import io.supertonic.testing.ServerJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One server node in its own JVM ({@code io.supertonic.cli.Main}, as an operator starts it), its
 * output captured to a log file. Killed with SIGKILL ({@link #kill()}) or SIGTERM ({@link
 * #terminate()}).
 */
public final class NodeProcess {
  private final String name;
  private final Process process;
  private final Path log;
  private final int clusterPort;
  private final int httpPort;
  private final long startedNanos;
  private volatile boolean stoppedByTest;

  NodeProcess(String name, Process process, Path log, int clusterPort, int httpPort, long started) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.clusterPort = clusterPort;
    this.httpPort = httpPort;
    this.startedNanos = started;
  }

  static NodeProcess launch(
      String name, List<String> command, Path workDir, Path log, int clusterPort, int httpPort)
      throws IOException {
    ProcessBuilder builder = ServerJvm.builder(command, log).directory(workDir.toFile());
    long started = System.nanoTime();
    return new NodeProcess(name, builder.start(), log, clusterPort, httpPort, started);
  }

  public String name() {
    return name;
  }

  public int clusterPort() {
    return clusterPort;
  }

  /** The HTTP port of a gateway; -1 on a worker. */
  public int httpPort() {
    return httpPort;
  }

  public String baseUrl() {
    if (httpPort < 0) {
      throw new IllegalStateException(name + " serves no HTTP");
    }
    return "http://127.0.0.1:" + httpPort;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Time since the JVM was launched. */
  public Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  public Path log() {
    return log;
  }

  /** The node's output so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** The last lines of the log, for failure messages. */
  public String tail(int lines) {
    List<String> all = output().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** kill -9: no shutdown hook, no goodbye to the cluster. */
  public void kill() throws InterruptedException {
    stoppedByTest = true;
    process.destroyForcibly();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " survived SIGKILL for 10 s");
    }
  }

  /** SIGTERM: the node's graceful shutdown. */
  public void terminate() {
    stoppedByTest = true;
    process.destroy();
  }

  /** Whether the test killed or terminated this node (its exit is expected). */
  public boolean stoppedByTest() {
    return stoppedByTest;
  }

  /** Waits for the process to exit; returns false if it still runs after the timeout. */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int exitValue() {
    return process.exitValue();
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", log " + log + ")";
  }
}
