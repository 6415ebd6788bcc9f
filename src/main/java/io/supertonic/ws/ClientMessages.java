package io.supertonic.ws;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Set;

/** Parses client text frames into protocol messages, with errors a client developer can act on. */
final class ClientMessages {
  static final String CONFIG = "config";
  static final String TEXT = "text";
  static final String FLUSH = "flush";
  static final String CANCEL = "cancel";
  static final String CLOSE = "close";
  static final Set<String> TYPES = Set.of(CONFIG, TEXT, FLUSH, CANCEL, CLOSE);
  private static final String EXPECTED = "expected one of config, text, flush, cancel, close";

  private ClientMessages() {}

  /** A client message: its lower-cased type and the whole JSON object. */
  record ClientMessage(String type, JsonObject body) {}

  static ClientMessage parse(String frame) {
    JsonObject json;
    try {
      Object value = io.vertx.core.json.Json.decodeValue(frame);
      if (!(value instanceof JsonObject object)) {
        throw new WsProtocolException(
            "message must be a JSON object with a 'type' field; " + EXPECTED);
      }
      json = object;
    } catch (DecodeException e) {
      throw new WsProtocolException("malformed JSON message: " + firstLine(e.getMessage()));
    }
    Object type = json.getValue("type");
    if (!(type instanceof String s) || s.isBlank()) {
      throw new WsProtocolException("message has no 'type' field; " + EXPECTED);
    }
    String normalized = s.trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(normalized)) {
      throw new WsProtocolException("unknown message type '" + s + "'; " + EXPECTED);
    }
    return new ClientMessage(normalized, json);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "cannot decode";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
