package io.supertonic.cli;

/**
 * A failure the user can fix (a port in use, an unwritable file, no server to talk to): reported as
 * one line with a hint and exit code 1, never as a stack trace.
 */
final class UserError extends RuntimeException {
  UserError(String message, Throwable cause) {
    super(message, cause);
  }

  UserError(String message) {
    super(message);
  }
}
