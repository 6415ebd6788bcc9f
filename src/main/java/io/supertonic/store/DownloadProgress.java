package io.supertonic.store;

/** Reports the progress of one file's download at a time. */
public interface DownloadProgress {

  /** A download (or resume) begins; {@code total} is -1 when unknown. */
  void start(String file, long alreadyHave, long total);

  /** {@code have} bytes of the file are now on disk. Called often: implementations throttle. */
  void update(long have);

  /** The transfer of the current file ended (successfully or not). */
  void end();

  /** A bar on stderr when a terminal is attached, periodic INFO log lines otherwise. */
  static DownloadProgress forEnvironment() {
    return System.console() != null ? new TerminalProgressBar(System.err) : new LoggedProgress();
  }

  static DownloadProgress silent() {
    return new DownloadProgress() {
      @Override
      public void start(String file, long alreadyHave, long total) {}

      @Override
      public void update(long have) {}

      @Override
      public void end() {}
    };
  }

  static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }
}
