package io.supertonic.ws;

import io.supertonic.engine.InvalidRequestException;
import io.supertonic.http.StrictJson;
import io.supertonic.text.SafeText;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
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
      json = StrictJson.object(frame.getBytes(StandardCharsets.UTF_8), "The message");
    } catch (InvalidRequestException e) {
      throw new WsProtocolException(
          "malformed JSON message: "
              + e.getMessage()
              + " Send a JSON object with a 'type' field; "
              + EXPECTED
              + ".");
    }
    Object type = json.getValue("type");
    if (!(type instanceof String s) || s.isBlank()) {
      throw new WsProtocolException("message has no 'type' field; " + EXPECTED);
    }
    String normalized = s.trim().toLowerCase(Locale.ROOT);
    if (!TYPES.contains(normalized)) {
      throw new WsProtocolException("unknown message type '" + SafeText.of(s) + "'; " + EXPECTED);
    }
    return new ClientMessage(normalized, json);
  }
}
