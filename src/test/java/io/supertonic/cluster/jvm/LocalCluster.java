package io.supertonic.cluster.jvm;

import io.supertonic.testing.ServerJvm;
import io.supertonic.testing.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A cluster of real server JVMs on loopback, started with the README's flags: a unique cluster name
 * and free ports (other tests and other checkouts run clusters on the same machine), the tiny
 * model, each node's log under {@code target/multi-jvm/<cluster>/}. Closing it SIGKILLs whatever
 * still runs; so does a shutdown hook if the test JVM itself is stopped.
 */
public final class LocalCluster implements AutoCloseable {
  /** A JVM's start on a shared 2-core machine can take a while; every wait is bounded by this. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private static final String WORKER_READY = "Worker node ready";

  private final String name;
  private final Path modelDir;
  private final Path logDir;
  private final List<Integer> memberPorts = new ArrayList<>();
  private final List<NodeProcess> nodes = new ArrayList<>();
  private final Thread killOnExit = new Thread(this::killAll, "local-cluster-cleanup");
  private int gateways;
  private int workers;

  private LocalCluster(String name, Path modelDir, Path logDir) {
    this.name = name;
    this.modelDir = modelDir;
    this.logDir = logDir;
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /**
   * @param label names the cluster and its log directory (e.g. the test's name)
   * @param tempDir where the tiny model is generated (once per directory)
   */
  public static LocalCluster create(String label, Path tempDir) throws IOException {
    String name =
        label.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    Path logDir = Path.of(System.getProperty("basedir", "."), "target", "multi-jvm", name);
    Files.createDirectories(logDir);
    return new LocalCluster(name, TestServer.tinyModel(tempDir), logDir);
  }

  public String name() {
    return name;
  }

  public Path logDir() {
    return logDir;
  }

  /**
   * Launches a gateway (HTTP on a free port, no model). Start every node of a first group with one
   * call of {@link #launch} so that each lists all the others.
   */
  public NodeProcess gateway(String... flags) throws IOException {
    return launch(List.of(new Spec(true, List.of(flags)))).get(0);
  }

  /** Launches a worker (the tiny model, {@code --max-concurrent 1} unless flags say otherwise). */
  public NodeProcess worker(String... flags) throws IOException {
    return launch(List.of(new Spec(false, List.of(flags)))).get(0);
  }

  /** What to launch: a gateway or a worker, and flags added to the defaults. */
  public record Spec(boolean isGateway, List<String> flags) {
    public static Spec gateway(String... flags) {
      return new Spec(true, List.of(flags));
    }

    public static Spec worker(String... flags) {
      return new Spec(false, List.of(flags));
    }
  }

  /** Launches several nodes at once; each lists every member reserved so far, itself included. */
  public List<NodeProcess> launch(List<Spec> specs) throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      ports.add(freePort());
    }
    memberPorts.addAll(ports);
    String members =
        memberPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    List<NodeProcess> launched = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec spec = specs.get(i);
      String nodeName = spec.isGateway() ? "gateway-" + ++gateways : "worker-" + ++workers;
      int httpPort = spec.isGateway() ? freePort() : -1;
      List<String> command = javaCommand();
      command.addAll(
          List.of(
              "--cluster",
              "--cluster-name",
              name,
              "--role",
              spec.isGateway() ? "gateway" : "worker",
              "--cluster-host",
              "127.0.0.1",
              "--cluster-port",
              Integer.toString(ports.get(i)),
              "--cluster-members",
              members,
              "--log-level",
              "info"));
      if (spec.isGateway()) {
        command.addAll(
            List.of("--host", "127.0.0.1", "--port", Integer.toString(httpPort), "--no-ui"));
      } else {
        command.addAll(
            List.of("--model-dir", modelDir.toString(), "--device", "cpu", "--total-steps", "4"));
        if (!spec.flags().contains("--max-concurrent")) {
          command.addAll(List.of("--max-concurrent", "1"));
        }
      }
      command.addAll(spec.flags());
      NodeProcess node =
          NodeProcess.launch(
              nodeName,
              command,
              Path.of(System.getProperty("basedir", ".")),
              logDir.resolve(nodeName + ".log"),
              ports.get(i),
              httpPort);
      synchronized (nodes) {
        nodes.add(node);
      }
      launched.add(node);
    }
    return launched;
  }

  /** The server's command, with flags that keep three JVMs light on a small machine. */
  private static List<String> javaCommand() {
    return ServerJvm.command(List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
  }

  /** Waits until the worker has joined and deployed its synthesis verticle. */
  public void awaitWorkerReady(NodeProcess worker) {
    awaitAlive(worker, "worker ready", () -> worker.output().contains(WORKER_READY));
  }

  /** Waits until the gateway's {@code /readyz} answers 200 (a worker answers it on the bus). */
  public void awaitGatewayReady(NodeProcess gateway) {
    awaitAlive(gateway, "gateway /readyz 200", () -> status(gateway, "/readyz") == 200);
  }

  /**
   * Polls the condition every 100 ms; fails at once, with the node's log, when any node the test
   * did not stop has exited.
   */
  public void awaitAlive(NodeProcess node, String what, BooleanSupplier condition) {
    Await.until(
        START_TIMEOUT,
        node + ": " + what,
        () -> {
          for (NodeProcess any : nodes()) {
            if (!any.isAlive() && !any.stoppedByTest()) {
              throw new AssertionError(
                  any
                      + " exited with "
                      + any.exitValue()
                      + " while waiting for "
                      + what
                      + ":\n"
                      + any.tail(40));
            }
          }
          return condition.getAsBoolean();
        });
  }

  /**
   * The workers a gateway knows, from its {@code /healthz} (each with {@code node} = {@code
   * pid@host}, {@code state}, {@code active}, ...); empty when the gateway does not answer.
   */
  public static List<JsonObject> knownWorkers(NodeProcess gateway) {
    try {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/healthz"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (health.statusCode() != 200) {
        return List.of();
      }
      JsonArray workers = new JsonObject(health.body()).getJsonArray("workers", new JsonArray());
      List<JsonObject> list = new ArrayList<>();
      for (int i = 0; i < workers.size(); i++) {
        list.add(workers.getJsonObject(i));
      }
      return list;
    } catch (IOException | RuntimeException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** What the gateway's {@code /healthz} says about this worker process, if it lists it. */
  public static Optional<JsonObject> knownWorker(NodeProcess gateway, NodeProcess worker) {
    return knownWorkers(gateway).stream()
        .filter(w -> w.getString("node", "").startsWith(worker.pid() + "@"))
        .findFirst();
  }

  /** HTTP status of a GET, or -1 when nothing answers. */
  public static int status(NodeProcess gateway, String path) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public List<NodeProcess> nodes() {
    synchronized (nodes) {
      return List.copyOf(nodes);
    }
  }

  private void killAll() {
    for (NodeProcess node : nodes()) {
      if (node.isAlive()) {
        try {
          node.kill();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (IllegalStateException e) {
          System.err.println(e.getMessage());
        }
      }
    }
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway.
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
