package io.supertonic.store;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Without a terminal (containers, services): an INFO line every few seconds per file. */
final class LoggedProgress implements DownloadProgress {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedProgress.class);
  private static final long INTERVAL_NANOS = 5_000_000_000L;

  private String file;
  private long total;
  private long lastLog;

  @Override
  public void start(String file, long alreadyHave, long total) {
    this.file = file;
    this.total = total;
    this.lastLog = System.nanoTime();
    if (alreadyHave > 0) {
      LOG.info("Resuming {} at {}", file, DownloadProgress.megabytes(alreadyHave));
    }
  }

  @Override
  public void update(long have) {
    long now = System.nanoTime();
    if (now - lastLog < INTERVAL_NANOS) {
      return;
    }
    lastLog = now;
    if (total > 0) {
      LOG.info(
          "{}: {} of {} ({}%)",
          file,
          DownloadProgress.megabytes(have),
          DownloadProgress.megabytes(total),
          String.format(Locale.ROOT, "%d", 100 * have / total));
    } else {
      LOG.info("{}: {}", file, DownloadProgress.megabytes(have));
    }
  }

  @Override
  public void end() {}
}
