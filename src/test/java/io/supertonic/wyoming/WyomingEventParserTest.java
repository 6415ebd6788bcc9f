package io.supertonic.wyoming;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WyomingEventParserTest {
  private final List<WyomingEvent> events = new ArrayList<>();
  private final List<WyomingProtocolException> errors = new ArrayList<>();
  private final WyomingEventParser parser = new WyomingEventParser(1024, events::add, errors::add);

  @Test
  void eventsSplitAcrossReadsAtEveryByteAreReassembled() {
    byte[] pcm = {1, 2, 3, 4, 5, 6};
    Buffer wire =
        new WyomingEvent(
                "audio-chunk",
                new JsonObject().put("rate", 16000).put("width", 2).put("channels", 1),
                Buffer.buffer(pcm))
            .encode()
            .appendBuffer(WyomingEvent.of("describe").encode());
    for (int i = 0; i < wire.length(); i++) {
      parser.handle(wire.slice(i, i + 1));
    }
    assertEquals(List.of(), errors);
    assertEquals(2, events.size());
    assertEquals("audio-chunk", events.get(0).type());
    assertEquals(16000, events.get(0).data().getInteger("rate"));
    assertArrayEquals(pcm, events.get(0).payload().getBytes());
    assertEquals("describe", events.get(1).type());
    assertNull(events.get(1).payload());
  }

  @Test
  void separateDataIsMergedOverInlineData() {
    String data = "{\"text\":\"from data\"}";
    parser.handle(
        Buffer.buffer(
            "{\"type\":\"synthesize\",\"data\":{\"text\":\"inline\",\"voice\":{\"name\":\"F1\"}},"
                + "\"data_length\":"
                + data.getBytes(StandardCharsets.UTF_8).length
                + "}\n"
                + data));
    assertEquals("from data", events.get(0).data().getString("text"));
    assertEquals("F1", events.get(0).data().getJsonObject("voice").getString("name"));
  }

  @Test
  void badDataIsSkippedByItsLengthAndTheNextEventStillParses() {
    parser.handle(Buffer.buffer("{\"type\":\"synthesize\",\"data_length\":5}\n[1,2]"));
    parser.handle(WyomingEvent.of("describe").encode());
    assertEquals(1, errors.size());
    assertFalse(errors.get(0).fatal());
    assertEquals("describe", events.get(0).type());
  }

  @Test
  void negativeOrOversizedLengthsAreFatal() {
    parser.handle(Buffer.buffer("{\"type\":\"synthesize\",\"payload_length\":-3}\n"));
    assertTrue(errors.get(0).fatal());
    parser.handle(WyomingEvent.of("describe").encode());
    assertEquals(List.of(), events, "nothing is parsed after the framing is lost");
  }
}
