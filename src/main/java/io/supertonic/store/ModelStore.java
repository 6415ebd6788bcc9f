package io.supertonic.store;

import io.supertonic.engine.ModelVariant;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure a complete model directory exists locally, downloading what is missing. */
public final class ModelStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
  private static final Pattern VOICE_FILE = Pattern.compile("voice_styles/[A-Za-z0-9_-]+\\.json");
  private static final String LOCK_FILE = ".download.lock";

  private final StoreSettings settings;
  private final ChecksumPins pins;
  private final DownloadProgress progress;

  /**
   * Production defaults: bundled checksum pins, a progress bar on a terminal, log lines otherwise.
   */
  public ModelStore() {
    this(StoreSettings.defaults(), ChecksumPins.bundled(), DownloadProgress.forEnvironment());
  }

  public ModelStore(StoreSettings settings, ChecksumPins pins, DownloadProgress progress) {
    this.settings = settings;
    this.pins = pins;
    this.progress = progress;
  }

  /**
   * {@code request.modelDir()}, else {@code ~/.cache/<variant cache dir>} (v3:
   * ~/.cache/supertonic3).
   */
  public static Path resolveDirectory(ModelRequest request) {
    if (request.modelDir() != null) {
      return request.modelDir().toAbsolutePath().normalize();
    }
    return Path.of(System.getProperty("user.home"), ".cache", request.variant().cacheDirName());
  }

  /** Required repository paths that are absent (or empty) in {@code dir}. */
  public static List<String> missingFiles(Path dir, ModelVariant variant) {
    List<String> missing = new ArrayList<>();
    for (String file : ModelLayout.requiredFiles(variant)) {
      if (!isPresent(dir.resolve(file))) {
        missing.add(file);
      }
    }
    return missing;
  }

  /**
   * Returns the model directory, complete and verified; downloads missing files unless offline. A
   * directory that already holds every required file is returned without any network access.
   *
   * @throws ModelUnavailableException naming the missing files and the command to fetch them
   */
  public Path ensure(ModelRequest request) throws ModelUnavailableException {
    if (request.variant() == null) {
      throw new ModelUnavailableException(
          "No model variant given; expected supertonic, supertonic-2 or supertonic-3");
    }
    Path dir = resolveDirectory(request);
    List<String> missing = missingFiles(dir, request.variant());
    if (missing.isEmpty()) {
      LOG.debug("Model {} is complete in {}", request.variant().id(), dir);
      return dir;
    }
    if (request.offline()) {
      throw new ModelNotLocalException(request, dir, missing, null, null);
    }
    HubClient hub;
    try {
      String repo = request.repo() != null ? request.repo() : request.variant().defaultRepo();
      hub =
          new HubClient(
              newHttpClient(),
              request.endpoint(),
              repo,
              request.revision(),
              request.token(),
              settings);
    } catch (IllegalArgumentException e) {
      throw new ModelUnavailableException(e.getMessage(), e);
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new ModelUnavailableException(
          "Cannot create the model directory "
              + dir
              + ": "
              + FileDownloader.describe(e)
              + ". Choose another one with --model-dir or SUPERTONIC_MODEL_DIR.",
          e);
    }
    Path lockFile = dir.resolve(LOCK_FILE);
    try (FileChannel lockChannel =
        FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      // Two servers starting on one cache directory must not write the same .part file.
      FileLock lock = acquire(lockChannel, dir);
      try {
        // Another process may have completed the directory while we waited for the lock.
        missing = missingFiles(dir, request.variant());
        if (!missing.isEmpty()) {
          download(request, hub, dir, missing);
        }
        return dir;
      } finally {
        // Deleted while still held, so no file is left behind; a process that was waiting on it
        // holds the unlinked file and re-checks the directory before downloading anything.
        Files.deleteIfExists(lockFile);
        lock.release();
      }
    } catch (IOException e) {
      throw new ModelUnavailableException(
          "Cannot use the model directory " + dir + ": " + FileDownloader.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelUnavailableException(
          "Model download interrupted; run the command again to resume.", e);
    }
  }

  private HttpClient newHttpClient() {
    return HubClient.newHttpClient(settings);
  }

  private static FileLock acquire(FileChannel channel, Path dir)
      throws IOException, ModelUnavailableException {
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
      LOG.info("Another process is downloading into {}; waiting for it to finish", dir);
      return channel.lock();
    } catch (OverlappingFileLockException e) {
      throw new ModelUnavailableException(
          "Another download into " + dir + " is already running in this process", e);
    }
  }

  private void download(ModelRequest request, HubClient hub, Path dir, List<String> missing)
      throws ModelUnavailableException, InterruptedException {
    LOG.info(
        "Downloading model {} from {} (revision {}) into {}: {} missing files",
        request.variant().id(),
        hub.repo(),
        hub.revision(),
        dir,
        missing.size());
    Map<String, ExpectedFile> listed = HubTree.list(hub, List.of("onnx", "voice_styles"));
    Set<String> toFetch = new LinkedHashSet<>(missing);
    for (String path : listed.keySet()) {
      // Extra voices the revision ships (e.g. v1's later styles) come along when a download is due
      // anyway.
      if (VOICE_FILE.matcher(path).matches() && !isPresent(dir.resolve(path))) {
        toFetch.add(path);
      }
    }
    FileDownloader downloader = new FileDownloader(hub, settings, progress);
    long started = System.nanoTime();
    long bytes = 0;
    for (String path : toFetch) {
      ExpectedFile expected =
          pins.find(request.variant(), request.revision(), path).orElse(ExpectedFile.unknown(path));
      ExpectedFile fromListing = listed.get(path);
      if (fromListing != null) {
        expected =
            expected.orElse(fromListing.size(), fromListing.sha256(), fromListing.gitBlobSha1());
      }
      try {
        bytes += downloader.download(expected, dir.resolve(path));
      } catch (HubUnreachableException e) {
        throw new ModelNotLocalException(
            request, dir, missingFiles(dir, request.variant()), e.getMessage(), e);
      }
    }
    LOG.info(
        "Model {} ready in {}: {} files, {} in {}",
        request.variant().id(),
        dir,
        toFetch.size(),
        DownloadProgress.megabytes(bytes),
        String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
  }

  private static boolean isPresent(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }
}
