package io.supertonic.cli;

import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One short speech request per available format to the server's own port, right after it reports
 * ready: the HTTP, event-bus and worker code of a response (and each format's branch of it) is
 * loaded and run once, so the first real request of every format starts as fast as later ones. One
 * denoising step of a one-word text keeps each to a few milliseconds of synthesis. The requests
 * carry {@code X-Request-Id: warmup-<format>}, so they are recognisable in logs and metrics. A
 * failure (e.g. API keys required) only means less was warmed.
 */
final class HttpSelfWarmup {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSelfWarmup.class);
  private static final String TEXT = "Hello.";

  /**
   * Rounds over the formats: one loads the classes, but the path stays interpreted (several times
   * slower) until the JIT has seen it run a few times.
   */
  private static final int ROUNDS = 5;

  private HttpSelfWarmup() {}

  /**
   * Blocks for a second or more on a busy 2-core machine: the caller runs it in the background.
   * Plain HTTP only: a TLS server's (often self-signed) certificate is not worth trusting blindly
   * here, so it is warmed by its first requests instead.
   */
  static void run(boolean tls, String host, int port, AudioEncoders encoders) {
    if (tls) {
      LOG.debug("HTTP warmup skipped: TLS");
      return;
    }
    long t0 = System.nanoTime();
    List<String> done = new ArrayList<>();
    // A plain socket: a Vert.x or JDK client would spend more loading itself than the warmup saves.
    try (TimedHttpConnection connection =
        new TimedHttpConnection(URI.create("http://" + hostForUri(loopback(host)) + ":" + port))) {
      for (int round = 0; round < ROUNDS; round++) {
        for (AudioFormat format : AudioFormat.values()) {
          // Later AAC rounds would only start more ffmpeg processes: nothing there for the JIT.
          if (encoders.unavailable(format).isPresent()
              || (round > 0 && format == AudioFormat.AAC)) {
            continue;
          }
          TimedHttpConnection.Timed reply =
              connection.postJson(
                  io.supertonic.http.HttpVerticle.SPEECH_PATH,
                  new JsonObject()
                      .put("input", TEXT)
                      .put("response_format", format.id())
                      .put("total_steps", 1)
                      .encode(),
                  "warmup-" + format.id());
          if (reply.status() != 200) {
            LOG.info("HTTP warmup stopped: {} got HTTP {}", format.id(), reply.status());
            return;
          }
          if (round == 0) {
            done.add(format.id());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.info("HTTP warmup stopped: {}", e.toString());
    }
    LOG.info("HTTP warmup ({}) done in {} ms", done, (System.nanoTime() - t0) / 1_000_000);
  }

  /** Where a server bound to {@code host} is reached from the same machine. */
  static String loopback(String host) {
    if (host == null || host.isBlank() || host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    if (host.equals("::") || host.equals("[::]")) {
      return "::1";
    }
    return host;
  }

  private static String hostForUri(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
