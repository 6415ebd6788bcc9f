package io.supertonic.store;

/** Every attempt to reach the hub for a file failed at the network level. */
final class HubUnreachableException extends Exception {
  HubUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
