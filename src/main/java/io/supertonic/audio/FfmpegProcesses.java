package io.supertonic.audio;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the ffmpeg processes AAC responses encode with, keeping one started spare per sample rate
 * in use: an ffmpeg start takes 50..200 ms (it loads every codec library), which would otherwise
 * add to each response's time to first byte. A spare waits on its stdin and costs no CPU; at most
 * {@link #MAX_SPARE_RATES} rates keep one. When the JVM exits, a spare's stdin closes and it ends.
 */
final class FfmpegProcesses {
  private static final Logger log = LoggerFactory.getLogger(FfmpegProcesses.class);
  static final int MAX_SPARE_RATES = 2;

  private final String ffmpeg;
  private final Map<Integer, Process> spares = new ConcurrentHashMap<>();
  private final ExecutorService starter;

  FfmpegProcesses(String ffmpeg) {
    this.ffmpeg = ffmpeg;
    this.starter =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "aac-ffmpeg-starter");
              t.setDaemon(true);
              return t;
            });
  }

  /** A started ffmpeg encoding {@code sampleRate} Hz; the caller owns it. */
  Process take(int sampleRate) throws IOException {
    Process spare = spares.remove(sampleRate);
    starter.execute(() -> refill(sampleRate));
    if (spare != null && spare.isAlive()) {
      return spare;
    }
    return start(sampleRate);
  }

  /** Spares currently waiting, for tests that tell them from leaked processes. */
  int spareCount() {
    return (int) spares.values().stream().filter(Process::isAlive).count();
  }

  private void refill(int sampleRate) {
    if (spares.containsKey(sampleRate) || spares.size() >= MAX_SPARE_RATES) {
      return;
    }
    try {
      Process process = start(sampleRate);
      if (spares.putIfAbsent(sampleRate, process) != null) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      log.debug("cannot start a spare ffmpeg: {}", e.getMessage());
    }
  }

  private Process start(int sampleRate) throws IOException {
    return new ProcessBuilder(AacEncoder.command(ffmpeg, sampleRate))
        // Errors are rare and short at -loglevel error; read after exit in finish().
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
  }
}
