package io.supertonic.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AAC-LC in ADTS frames, encoded by an {@code ffmpeg} subprocess: 16-bit PCM goes in on its stdin,
 * ADTS comes out on its stdout. A subprocess rather than libavcodec through JNA because
 * libavcodec's structs change layout between FFmpeg versions, while the command line does not.
 *
 * <p>The process comes started from {@link FfmpegProcesses} (a spare, or spawned when the encoder
 * is created, overlapping synthesis of the first chunk). A daemon thread per process reads stdout
 * as it comes (ffmpeg never blocks on a full pipe); {@link #encode} writes a chunk, then waits,
 * bounded, until ffmpeg has emitted the frames that chunk completes, so bytes leave with each
 * chunk. {@link #close} kills the process; Java's process reaper collects it, so a cancelled stream
 * leaves no zombie.
 */
final class AacEncoder implements AudioEncoder {
  private static final Logger log = LoggerFactory.getLogger(AacEncoder.class);
  private static final byte[] EMPTY = new byte[0];

  /** Bitrate for mono speech: transparent enough, an eighth of 44.1 kHz 16-bit PCM. */
  static final int BITRATE = 96_000;

  private static final int SAMPLES_PER_FRAME = 1024;

  /**
   * Frames ffmpeg's AAC encoder holds back (priming plus look-ahead) until it sees more input or
   * the end; measured with ffmpeg 5.1, one frame of margin added.
   */
  private static final int HELD_BACK_FRAMES = 3;

  /** Upper bound on waiting for one chunk's frames; past it the bytes go out with the next one. */
  private static final long CHUNK_WAIT_MS = 2_000;

  private static final long FINISH_WAIT_MS = 10_000;

  private final Process process;
  private final OutputStream stdin;
  private final AdtsReader reader;
  private long samplesIn;
  private boolean finished;
  private volatile boolean closed;

  private AacEncoder(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.reader = new AdtsReader(process.getInputStream());
    Thread thread = new Thread(reader, "aac-ffmpeg-" + process.pid());
    thread.setDaemon(true);
    thread.start();
  }

  static List<String> command(String ffmpeg, int sampleRate) {
    return List.of(
        ffmpeg,
        "-hide_banner",
        "-loglevel",
        "error",
        "-nostdin",
        // Raw PCM needs no probing: start encoding with the first bytes.
        "-fflags",
        "+nobuffer",
        "-probesize",
        "32",
        "-analyzeduration",
        "0",
        "-f",
        "s16le",
        "-ar",
        Integer.toString(sampleRate),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-c:a",
        "aac",
        "-b:a",
        Integer.toString(BITRATE),
        "-f",
        "adts",
        "-flush_packets",
        "1",
        "pipe:1");
  }

  static AacEncoder open(FfmpegProcesses processes, int sampleRate) {
    WavHeader.requirePositiveRate(sampleRate);
    try {
      return new AacEncoder(processes.take(sampleRate));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start ffmpeg for AAC: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] header() {
    return EMPTY;
  }

  @Override
  public synchronized byte[] encode(short[] pcm) {
    requireOpen();
    if (pcm.length == 0) {
      return reader.take();
    }
    try {
      stdin.write(Pcm16.toLittleEndian(pcm));
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("ffmpeg stopped taking audio: " + stderr(), e);
    }
    samplesIn += pcm.length;
    long expectedFrames = samplesIn / SAMPLES_PER_FRAME - HELD_BACK_FRAMES;
    reader.awaitFrames(expectedFrames, CHUNK_WAIT_MS);
    return reader.take();
  }

  @Override
  public synchronized byte[] finish() {
    requireOpen();
    finished = true;
    try {
      stdin.close();
      if (!reader.awaitEnd(FINISH_WAIT_MS)
          || !process.waitFor(FINISH_WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("ffmpeg did not finish the AAC stream in time");
      }
    } catch (IOException e) {
      throw new IllegalStateException("ffmpeg stopped taking audio: " + stderr(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while finishing the AAC stream", e);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "ffmpeg exited with " + process.exitValue() + " while encoding AAC: " + stderr());
    }
    return reader.take();
  }

  private void requireOpen() {
    if (closed || finished) {
      throw new IllegalStateException("AAC encoder already " + (closed ? "closed" : "finished"));
    }
  }

  private String stderr() {
    try {
      InputStream err = process.getErrorStream();
      byte[] bytes = err.available() > 0 ? err.readNBytes(Math.min(err.available(), 600)) : EMPTY;
      return new String(bytes, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }

  /** Not synchronized: a cancel must be able to kill ffmpeg while a worker waits in encode(). */
  @Override
  public void close() {
    closed = true;
    if (process.isAlive()) {
      process.destroyForcibly();
      log.debug("killed ffmpeg {} of an unfinished AAC stream", process.pid());
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // The process is gone; nothing to flush.
    }
    reader.stop();
  }

  /** The process, for tests that check it is gone after a cancel. */
  ProcessHandle processHandle() {
    return process.toHandle();
  }

  /**
   * Reads ffmpeg's stdout into memory and counts whole ADTS frames, so {@link #encode} knows when a
   * chunk's frames are out. Memory is bounded by one chunk's output: each encode takes it all.
   */
  private static final class AdtsReader implements Runnable {
    private final InputStream in;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final byte[] head = new byte[6];
    private int headFill;
    private int frameRemaining;
    private long frames;
    private boolean ended;

    AdtsReader(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buffer = new byte[16 * 1024];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          synchronized (this) {
            pending.write(buffer, 0, n);
            count(buffer, n);
            notifyAll();
          }
        }
      } catch (IOException e) {
        // Closed by close(): the stream is over either way.
      } finally {
        synchronized (this) {
          ended = true;
          notifyAll();
        }
      }
    }

    /** Walks ADTS headers: 13-bit frame length in bytes 3..5 of each 7- or 9-byte header. */
    private void count(byte[] bytes, int length) {
      int i = 0;
      while (i < length) {
        if (frameRemaining > 0) {
          int skip = Math.min(frameRemaining, length - i);
          frameRemaining -= skip;
          i += skip;
          continue;
        }
        head[headFill++] = bytes[i++];
        if (headFill == head.length) {
          int frameLength =
              ((head[3] & 0x03) << 11) | ((head[4] & 0xFF) << 3) | ((head[5] & 0xE0) >> 5);
          headFill = 0;
          frames++;
          frameRemaining = Math.max(0, frameLength - head.length);
        }
      }
    }

    synchronized void awaitFrames(long wanted, long timeoutMs) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      try {
        while (frames < wanted && !ended) {
          long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
          if (left <= 0) {
            return;
          }
          wait(left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    synchronized boolean awaitEnd(long timeoutMs) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      while (!ended) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        wait(left);
      }
      return true;
    }

    synchronized byte[] take() {
      byte[] out = pending.toByteArray();
      pending.reset();
      return out;
    }

    void stop() {
      try {
        in.close();
      } catch (IOException ignored) {
        // Already closed.
      }
    }
  }
}
