package io.supertonic.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks once, at start, that an ffmpeg program exists and has its native AAC encoder. */
final class FfmpegProbe {
  private static final Logger log = LoggerFactory.getLogger(FfmpegProbe.class);
  private static final long TIMEOUT_S = 10;

  private FfmpegProbe() {}

  /** {@code command} when {@code command -h encoder=aac} describes the encoder; else empty. */
  static Optional<String> aacEncoder(String command) {
    Process process = null;
    try {
      process =
          new ProcessBuilder(command, "-hide_banner", "-loglevel", "error", "-h", "encoder=aac")
              .redirectErrorStream(true)
              .start();
      process.getOutputStream().close();
      // The help text is a few KB: it fits the pipe, so reading after exit cannot deadlock.
      byte[] out = process.getInputStream().readNBytes(64 * 1024);
      if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        log.debug("{} -h encoder=aac did not answer in {} s", command, TIMEOUT_S);
        return Optional.empty();
      }
      String text = new String(out, StandardCharsets.US_ASCII);
      return process.exitValue() == 0 && text.contains("Encoder aac")
          ? Optional.of(command)
          : Optional.empty();
    } catch (IOException e) {
      log.debug("no {}: {}", command, e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }
}
