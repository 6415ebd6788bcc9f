package io.supertonic.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientMessagesTest {

  private String error(String frame) {
    return assertThrows(WsProtocolException.class, () -> ClientMessages.parse(frame)).getMessage();
  }

  @Test
  void parsesKnownTypesCaseInsensitively() {
    ClientMessages.ClientMessage m = ClientMessages.parse("{\"type\":\"TEXT\",\"text\":\"hi\"}");
    assertEquals("text", m.type());
    assertEquals("hi", m.body().getString("text"));
  }

  @Test
  void rejectsWhatIsNotAProtocolMessage() {
    assertTrue(error("{not json").startsWith("malformed JSON message"));
    assertTrue(error("[1,2]").contains("must be a JSON object"));
    assertTrue(error("{\"text\":\"x\"}").contains("no 'type' field"));
    String unknown = error("{\"type\":\"speak\"}");
    assertTrue(
        unknown.contains("unknown message type 'speak'") && unknown.contains("config, text, flush"),
        unknown);
  }
}
