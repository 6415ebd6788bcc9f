package io.supertonic.cli;

import io.supertonic.engine.InvalidRequestException;
import io.supertonic.engine.ModelLoadException;
import io.supertonic.store.ModelNotLocalException;
import io.supertonic.store.ModelUnavailableException;
import java.net.BindException;
import java.net.ConnectException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

/**
 * Turns a failed command into what the user reads: a line or three that say what happened and what
 * to do, exit code 1. Only failures nobody anticipated keep a stack trace, and only with --verbose.
 */
final class FailureReport {
  private FailureReport() {}

  /** The message for a failure a user can act on; empty for an unexpected one (a bug). */
  static Optional<List<String>> explain(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof ModelNotLocalException notLocal) {
        return Optional.of(firstRun(notLocal));
      }
      if (e instanceof UserError
          || e instanceof ModelUnavailableException
          || e instanceof ModelLoadException
          || e instanceof InvalidRequestException
          || e instanceof IllegalArgumentException) {
        return Optional.of(List.of("error: " + e.getMessage()));
      }
      if (e instanceof BindException bind) {
        return Optional.of(
            List.of(
                "error: cannot listen: "
                    + bind.getMessage()
                    + " (another server on this port? choose one with --port)"));
      }
      if (e instanceof ConnectException) {
        return Optional.of(
            List.of(
                "error: no server answers (connection refused): start one first ("
                    + Launcher.command()
                    + " --port N) or check --url"));
      }
      if (e instanceof FileSystemException files) {
        return Optional.of(List.of("error: " + describe(files)));
      }
    }
    return Optional.empty();
  }

  /** A bind failure as the user sees it: which address is taken and what to do. */
  static Optional<Exception> portInUse(Throwable failure, String host, int port) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      String message = String.valueOf(e.getMessage());
      if (e instanceof BindException || message.contains("Address already in use")) {
        return Optional.of(
            new UserError(
                "port "
                    + port
                    + " on "
                    + host
                    + " is already in use (another server running?); choose another with --port",
                failure));
      }
    }
    return Optional.empty();
  }

  static String describe(FileSystemException e) {
    String reason =
        e instanceof AccessDeniedException
            ? "permission denied"
            : e instanceof NoSuchFileException
                ? "no such file or directory"
                : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
    return "cannot use " + e.getFile() + ": " + reason;
  }

  /**
   * The first start without network: the three ways forward, in three lines, with the command this
   * program was actually started with.
   */
  static List<String> firstRun(ModelNotLocalException e) {
    String java = Launcher.command();
    String why =
        e.offline()
            ? "--offline forbids downloading it"
            : "the download failed: " + e.networkFailure();
    String network =
        e.offline()
            ? "run without --offline where the network (or a mirror: --model-repo OWNER/NAME, or"
                + " HF_ENDPOINT=URL) is reachable"
            : "connect to the network (or a mirror: --model-repo OWNER/NAME, or HF_ENDPOINT=URL)";
    return List.of(
        "error: model "
            + e.request().variant().id()
            + " is missing "
            + e.missing().size()
            + " files in "
            + e.dir()
            + "; "
            + why,
        "  to fix: "
            + network
            + ", or give --model-dir DIR holding the model's onnx/ and voice_styles/ files,",
        "  or try it offline with the tiny test model (tones, not speech): "
            + java
            + " tiny-model --out models/tiny && "
            + java
            + " --model-dir models/tiny");
  }

  /** A short name for an unexpected failure's cause, for the one line printed without --verbose. */
  static String unexpected(Throwable e) {
    String message =
        e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
    return "error: " + e.getClass().getSimpleName() + message + " (run with --verbose for details)";
  }
}
