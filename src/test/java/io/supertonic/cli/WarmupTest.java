package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server does before (encoders) and right after (loopback requests) it reports ready. */
class WarmupTest {
  @TempDir Path dir;

  @Test
  void encoderWarmupRunsEveryAvailableFormatAndStartsTheAacSpare() throws Exception {
    AudioEncoders encoders = AudioEncoders.detect();
    Warmup.encoders(encoders, 44100, 24000);
    if (encoders.unavailable(AudioFormat.AAC).isEmpty()) {
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (encoders.spareAacProcesses().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertFalse(encoders.spareAacProcesses().isEmpty(), "no spare ffmpeg was started");
      // The spare ends with this JVM's pipe; end it now so the test leaves nothing behind.
      encoders
          .spareAacProcesses()
          .forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy));
    }
  }

  @Test
  void httpWarmupSendsOneSuccessfulRequestPerAvailableFormat() throws Exception {
    AudioEncoders encoders = AudioEncoders.detect();
    try (TestServer server = TestServer.start(dir)) {
      HttpSelfWarmup.run(false, "0.0.0.0", server.port(), encoders);
      List<String> expected = new ArrayList<>();
      for (AudioFormat format : AudioFormat.values()) {
        if (encoders.unavailable(format).isEmpty()) {
          expected.add("warmup-" + format.id());
        }
      }
      HttpClient client = HttpClient.newHttpClient();
      String recent = "";
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (System.nanoTime() < deadline) {
        recent =
            client
                .send(
                    HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/metrics/recent?limit=50"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        String seen = recent;
        if (expected.stream().allMatch(id -> seen.contains("\"id\":\"" + id + "\""))) {
          break;
        }
        Thread.sleep(50);
      }
      for (String id : expected) {
        assertTrue(recent.contains("\"id\":\"" + id + "\""), id + " missing in " + recent);
      }
      assertFalse(recent.contains("\"status\":\"error\""), recent);
    }
  }
}
