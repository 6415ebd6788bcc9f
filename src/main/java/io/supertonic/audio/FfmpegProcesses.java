package io.supertonic.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
  private static final long START_TIMEOUT_S = 10;

  /** Starting a process blocks for its fork and exec: a thread each, not a pool's. */
  private static final Executor STARTER =
      task -> {
        Thread thread = new Thread(task, "aac-ffmpeg-starter");
        thread.setDaemon(true);
        thread.start();
      };

  private final String ffmpeg;

  /** Per rate, a spare that is started or starting: a taker waits for it rather than start two. */
  private final Map<Integer, CompletableFuture<Process>> spares = new ConcurrentHashMap<>();

  FfmpegProcesses(String ffmpeg) {
    this.ffmpeg = ffmpeg;
  }

  /** A started ffmpeg encoding {@code sampleRate} Hz; the caller owns it. */
  Process take(int sampleRate) throws IOException {
    CompletableFuture<Process> spare = spares.remove(sampleRate);
    refill(sampleRate);
    if (spare != null) {
      try {
        Process process = spare.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        if (process.isAlive()) {
          return process;
        }
      } catch (ExecutionException | TimeoutException e) {
        log.debug("spare ffmpeg did not start: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while taking an ffmpeg process", e);
      }
    }
    return start(sampleRate);
  }

  /** Starts a spare for {@code sampleRate} in the background, so even the first response has one. */
  void prestart(int sampleRate) {
    refill(sampleRate);
  }

  /** Process ids of the spares started and waiting, for tests that tell them from leaks. */
  java.util.Set<Long> sparePids() {
    return spares.values().stream()
        .filter(f -> f.isDone() && !f.isCompletedExceptionally() && f.join().isAlive())
        .map(f -> f.join().pid())
        .collect(java.util.stream.Collectors.toSet());
  }

  private void refill(int sampleRate) {
    if (spares.size() >= MAX_SPARE_RATES && !spares.containsKey(sampleRate)) {
      return;
    }
    spares.computeIfAbsent(
        sampleRate,
        rate ->
            CompletableFuture.supplyAsync(
                () -> {
                  try {
                    return start(rate);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                },
                STARTER));
  }

  private Process start(int sampleRate) throws IOException {
    return new ProcessBuilder(AacEncoder.command(ffmpeg, sampleRate))
        // Errors are rare and short at -loglevel error; read after exit in finish().
        .redirectError(ProcessBuilder.Redirect.PIPE)
        .start();
  }
}
