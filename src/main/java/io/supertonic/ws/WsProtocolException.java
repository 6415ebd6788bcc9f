package io.supertonic.ws;

/**
 * A client message the session cannot accept; the message goes back to the client as an {@code
 * error}.
 */
final class WsProtocolException extends RuntimeException {
  WsProtocolException(String message) {
    super(message);
  }
}
