package io.supertonic.cli.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads the server's memory during a soak run: the resident set from {@code /proc/<pid>/status}
 * when the server's process id is known (same machine), otherwise the JVM's own accounting from
 * {@code GET /metrics} (heap + non-heap + direct buffers; ONNX Runtime's native arenas are not in
 * it, so it is a lower bound of the RSS).
 */
public interface MemorySampler {
  /** Bytes in use now. */
  long sample() throws IOException, InterruptedException;

  /** What the number measures, for the report. */
  String source();

  static MemorySampler of(Long pid, String baseUrl) {
    return pid != null ? new ProcRss(pid) : new JvmMetrics(baseUrl);
  }

  record ProcRss(long pid) implements MemorySampler {
    @Override
    public long sample() throws IOException {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
      throw new IOException("/proc/" + pid + "/status has no VmRSS line");
    }

    @Override
    public String source() {
      return "VmRSS of pid " + pid;
    }
  }

  final class JvmMetrics implements MemorySampler {
    private final HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;

    JvmMetrics(String baseUrl) {
      this.metrics = URI.create(baseUrl.replaceAll("/+$", "") + "/metrics");
    }

    @Override
    public long sample() throws IOException, InterruptedException {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("GET /metrics answered " + r.statusCode());
      }
      return sumJvmMemory(r.body());
    }

    /** jvm_memory_used_bytes over every pool plus jvm_buffer_memory_used_bytes. */
    static long sumJvmMemory(String exposition) {
      double total = 0;
      for (String line : exposition.split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{")
            || line.startsWith("jvm_buffer_memory_used_bytes{")) {
          total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return (long) total;
    }

    @Override
    public String source() {
      return "JVM memory from " + metrics + " (heap + non-heap + buffers; not native memory)";
    }
  }
}
