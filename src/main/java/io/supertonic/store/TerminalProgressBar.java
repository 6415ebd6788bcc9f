package io.supertonic.store;

import java.io.PrintStream;
import java.util.Locale;

/** A single redrawn line: file name, bar, percentage, bytes and rate. */
final class TerminalProgressBar implements DownloadProgress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintStream out;
  private String file;
  private long total;
  private long startHave;
  private long startNanos;
  private long lastDraw;
  private long have;

  TerminalProgressBar(PrintStream out) {
    this.out = out;
  }

  @Override
  public void start(String file, long alreadyHave, long total) {
    this.file = file;
    this.total = total;
    this.startHave = alreadyHave;
    this.have = alreadyHave;
    this.startNanos = System.nanoTime();
    this.lastDraw = 0;
    draw();
  }

  @Override
  public void update(long have) {
    this.have = have;
    long now = System.nanoTime();
    if (now - lastDraw >= REDRAW_NANOS) {
      lastDraw = now;
      draw();
    }
  }

  @Override
  public void end() {
    draw();
    out.print('\n');
    out.flush();
  }

  private void draw() {
    double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
    double rate = (have - startHave) / seconds / 1_000_000.0;
    StringBuilder line = new StringBuilder("\r").append(file).append(' ');
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * have / total);
      line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
      line.append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, 100 * have / total)));
      line.append(DownloadProgress.megabytes(have))
          .append(" / ")
          .append(DownloadProgress.megabytes(total));
    } else {
      line.append(DownloadProgress.megabytes(have));
    }
    line.append(String.format(Locale.ROOT, "  %.1f MB/s   ", rate));
    out.print(line);
    out.flush();
  }
}
