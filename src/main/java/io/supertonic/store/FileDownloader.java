package io.supertonic.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads one file into {@code <file>.part}, resuming with HTTP Range, verifies size and
 * checksum, then moves it into place atomically. A file that fails verification is deleted.
 */
final class FileDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(FileDownloader.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");
  // Attempts that moved bytes forward do not use up the retry budget, within this hard cap.
  private static final int MAX_TOTAL_ATTEMPTS = 50;

  private final HubClient hub;
  private final StoreSettings settings;
  private final DownloadProgress progress;

  FileDownloader(HubClient hub, StoreSettings settings, DownloadProgress progress) {
    this.hub = hub;
    this.settings = settings;
    this.progress = progress;
  }

  /** Outcome of one transfer attempt. */
  private enum Attempt {
    COMPLETE,
    RETRY_NOW,
  }

  /** Returns the number of bytes of the verified file. */
  long download(ExpectedFile expected, Path target)
      throws ModelUnavailableException, HubUnreachableException, InterruptedException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    URI uri = hub.fileUri(expected.path());
    ExpectedFile known = expected;
    long started = System.nanoTime();
    int failures = 0;
    IOException lastError = null;
    try {
      Files.createDirectories(target.getParent());
      for (int attempt = 1;
          attempt <= MAX_TOTAL_ATTEMPTS && failures < settings.maxAttempts();
          attempt++) {
        long before = Files.exists(part) ? Files.size(part) : 0;
        try {
          Transfer result = transfer(uri, known, part, before);
          known = result.known();
          if (result.attempt() == Attempt.COMPLETE) {
            return verifyAndMove(known, part, target, started);
          }
          failures++;
        } catch (IOException e) {
          if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("Download of " + expected.path() + " interrupted");
          }
          lastError = e;
          long after = Files.exists(part) ? Files.size(part) : 0;
          if (after > before) {
            LOG.warn("Download of {} interrupted ({}); resuming", expected.path(), describe(e));
            continue;
          }
          failures++;
          if (failures >= settings.maxAttempts()) {
            break;
          }
          long backoff = settings.initialBackoff().toMillis() << Math.min(failures - 1, 10);
          LOG.warn(
              "Download of {} failed ({}); retrying in {} ms (attempt {} of {})",
              expected.path(),
              describe(e),
              backoff,
              failures + 1,
              settings.maxAttempts());
          Thread.sleep(backoff);
        }
      }
    } catch (IOException e) {
      throw new ModelUnavailableException(
          "Cannot write "
              + part
              + ": "
              + describe(e)
              + ". Check that the model directory is writable.",
          e);
    }
    if (lastError != null && isConnectionFailure(lastError)) {
      throw new HubUnreachableException(
          "Cannot reach " + uri + " (" + describe(lastError) + ")", lastError);
    }
    throw new ModelUnavailableException(
        "Download of "
            + expected.path()
            + " from "
            + uri
            + " failed after "
            + settings.maxAttempts()
            + " attempts: "
            + (lastError == null ? "no progress" : describe(lastError))
            + ". Run the command again to resume from "
            + part.getFileName()
            + ".",
        lastError);
  }

  private record Transfer(Attempt attempt, ExpectedFile known) {}

  private Transfer transfer(URI uri, ExpectedFile known, Path part, long have)
      throws IOException, InterruptedException, ModelUnavailableException {
    if (known.sizeKnown() && have > known.size()) {
      LOG.debug("{} is larger than the expected {} bytes; starting over", part, known.size());
      Files.delete(part);
      have = 0;
    }
    if (known.sizeKnown() && have == known.size() && have > 0) {
      return new Transfer(Attempt.COMPLETE, known);
    }
    String range = have > 0 ? "bytes=" + have + "-" : null;
    LOG.debug("GET {}{}", uri, range == null ? "" : " Range: " + range);
    try (HubResponse response = hub.get(uri, range)) {
      int status = response.status();
      known = withResponseFacts(known, response);
      boolean append;
      if (status == 206) {
        long start = contentRangeStart(response);
        if (start != have) {
          LOG.debug("Server resumed {} at {} instead of {}; starting over", uri, start, have);
          Files.deleteIfExists(part);
          return new Transfer(Attempt.RETRY_NOW, known);
        }
        append = true;
      } else if (status == 200) {
        if (have > 0) {
          LOG.info(
              "Server ignored the resume request for {}; downloading it from the start",
              known.path());
        }
        append = false;
        have = 0;
      } else if (status == 416) {
        // Our partial file is not a prefix the server can continue: start over.
        Files.deleteIfExists(part);
        return new Transfer(Attempt.RETRY_NOW, known);
      } else if (status >= 500 || status == 429) {
        throw new IOException("HTTP " + status + " from " + response.uri());
      } else {
        throw statusError(status, uri, known.path());
      }
      long length = response.header("Content-Length").map(FileDownloader::parseLong).orElse(-1L);
      long total = known.sizeKnown() ? known.size() : (length >= 0 ? have + length : -1);
      progress.start(known.path(), have, total);
      long written;
      try {
        written = writeBody(response.body(), part, append, have);
      } finally {
        progress.end();
      }
      if (length >= 0 && written - have < length) {
        throw new IOException(
            "connection closed after " + (written - have) + " of " + length + " bytes");
      }
      return new Transfer(Attempt.COMPLETE, known);
    }
  }

  private long writeBody(GuardedBody body, Path part, boolean append, long have)
      throws IOException {
    StandardOpenOption mode =
        append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
    long position = append ? have : 0;
    try (FileChannel out =
        FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
      for (List<ByteBuffer> buffers = body.next(); buffers != null; buffers = body.next()) {
        for (ByteBuffer b : buffers) {
          while (b.hasRemaining()) {
            position += out.write(b);
          }
        }
        progress.update(position);
      }
    }
    return position;
  }

  private long verifyAndMove(ExpectedFile known, Path part, Path target, long startedNanos)
      throws IOException, ModelUnavailableException {
    long size = Files.size(part);
    if (known.sizeKnown() && size != known.size()) {
      Files.deleteIfExists(part);
      throw new ModelUnavailableException(
          "Downloaded "
              + known.path()
              + " has "
              + size
              + " bytes but "
              + known.size()
              + " were expected; the file was deleted. The server or mirror may be serving a different "
              + "or truncated file.");
    }
    if (known.sha256() != null) {
      String actual = FileDigests.sha256(part);
      if (!actual.equals(known.sha256())) {
        Files.deleteIfExists(part);
        throw new ModelUnavailableException(
            "Downloaded "
                + known.path()
                + " is corrupt: SHA-256 "
                + actual
                + " but "
                + known.sha256()
                + " was expected; the file was deleted.");
      }
    } else if (known.gitBlobSha1() != null) {
      String actual = FileDigests.gitBlobSha1(part);
      if (!actual.equals(known.gitBlobSha1())) {
        Files.deleteIfExists(part);
        throw new ModelUnavailableException(
            "Downloaded "
                + known.path()
                + " is corrupt: git blob id "
                + actual
                + " but "
                + known.gitBlobSha1()
                + " was expected; the file was deleted.");
      }
    } else {
      LOG.debug("No checksum known for {}; verified its size only", known.path());
    }
    try {
      Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
    }
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    LOG.info(
        "Downloaded {} ({}) in {}{}",
        known.path(),
        DownloadProgress.megabytes(size),
        String.format(Locale.ROOT, "%.1f s", seconds),
        known.sha256() != null
            ? ", SHA-256 verified"
            : known.gitBlobSha1() != null ? ", git oid verified" : "");
    return size;
  }

  /** Adds what the hub says about the file in its headers to what we already know. */
  static ExpectedFile withResponseFacts(ExpectedFile known, HubResponse response) {
    long linkedSize =
        response.hubHeader("X-Linked-Size").map(FileDownloader::parseLong).orElse(-1L);
    String sha256 = null;
    String gitSha1 = null;
    Optional<String> linkedEtag = response.firstHopHeaders().firstValue("X-Linked-ETag");
    String etag =
        linkedEtag.orElseGet(() -> response.firstHopHeaders().firstValue("ETag").orElse(null));
    if (etag != null) {
      String value = etag.replaceFirst("^W/", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
      if (HEX64.matcher(value).matches()) {
        sha256 = value;
      } else if (HEX40.matcher(value).matches() && linkedEtag.isEmpty()) {
        gitSha1 = value;
      }
    }
    if (linkedSize < 0 && response.status() == 200 && gitSha1 != null) {
      // A small file answered directly by the hub: its length is the file's size.
      linkedSize = response.header("Content-Length").map(FileDownloader::parseLong).orElse(-1L);
    }
    if (known.sha256() != null && sha256 != null && !known.sha256().equals(sha256)) {
      LOG.warn(
          "The hub reports SHA-256 {} for {} but {} is pinned; the pin wins",
          sha256,
          known.path(),
          known.sha256());
    }
    return known.orElse(linkedSize, sha256, gitSha1);
  }

  private static long contentRangeStart(HubResponse response) throws IOException {
    String value = response.header("Content-Range").orElse("");
    Matcher m = CONTENT_RANGE.matcher(value.trim());
    if (!m.matches()) {
      throw new IOException("206 answer with an unusable Content-Range '" + value + "'");
    }
    return Long.parseLong(m.group(1));
  }

  private ModelUnavailableException statusError(int status, URI uri, String path) {
    String hint;
    if (status == 404) {
      hint =
          "file "
              + path
              + " does not exist in "
              + hub.repo()
              + " at revision "
              + hub.revision()
              + ". Check --model-repo and --model-revision (a mirror such as lnkiai/supertonic-3-mirror can "
              + "be selected with --model-repo).";
    } else if (status == 401 || status == 403) {
      hint =
          hub.hasToken()
              ? "the hub rejected the HF_TOKEN that was sent for "
                  + path
                  + "; check that the token is valid "
                  + "and has read access to "
                  + hub.repo()
                  + "."
              : path
                  + " requires authentication: set HF_TOKEN to a Hugging Face access token with read access "
                  + "to "
                  + hub.repo()
                  + ".";
    } else {
      hint = "unexpected answer while downloading " + path + ".";
    }
    return new ModelUnavailableException("HTTP " + status + " for " + uri + ": " + hint);
  }

  static boolean isConnectionFailure(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof HttpConnectTimeoutException
          || t instanceof UnknownHostException
          || t instanceof java.nio.channels.UnresolvedAddressException) {
        String what =
            t instanceof UnknownHostException
                    || t instanceof java.nio.channels.UnresolvedAddressException
                ? "unknown host"
                : t instanceof HttpConnectTimeoutException
                    ? "connect timed out"
                    : "connection refused or failed";
        return t.getMessage() == null || t.getMessage().isBlank()
            ? what
            : what + ": " + t.getMessage();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
