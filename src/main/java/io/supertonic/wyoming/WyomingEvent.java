package io.supertonic.wyoming;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One Wyoming event: a type, a JSON data object and an optional binary payload. On the wire it is a
 * JSON header line ({@code type}, {@code version}, {@code data_length}, {@code payload_length}),
 * then the data JSON, then the payload.
 *
 * @param payload null or empty when the event carries none
 */
record WyomingEvent(String type, JsonObject data, Buffer payload) {

  /** The protocol version this server writes in every header (the reference library's). */
  static final String PROTOCOL_VERSION = "1.7.2";

  WyomingEvent {
    data = data == null ? new JsonObject() : data;
  }

  static WyomingEvent of(String type) {
    return new WyomingEvent(type, new JsonObject(), null);
  }

  static WyomingEvent of(String type, JsonObject data) {
    return new WyomingEvent(type, data, null);
  }

  static WyomingEvent error(String code, String text) {
    return of(WyomingTypes.ERROR, new JsonObject().put("text", text).put("code", code));
  }

  int payloadLength() {
    return payload == null ? 0 : payload.length();
  }

  /** The wire form: header line, data bytes, payload bytes. */
  Buffer encode() {
    JsonObject header = new JsonObject().put("type", type).put("version", PROTOCOL_VERSION);
    byte[] dataBytes = null;
    if (!data.isEmpty()) {
      dataBytes = data.encode().getBytes(StandardCharsets.UTF_8);
      header.put("data_length", dataBytes.length);
    }
    if (payloadLength() > 0) {
      header.put("payload_length", payload.length());
    }
    Buffer wire = Buffer.buffer(header.encode()).appendByte((byte) '\n');
    if (dataBytes != null) {
      wire.appendBytes(dataBytes);
    }
    if (payloadLength() > 0) {
      wire.appendBuffer(payload);
    }
    return wire;
  }
}
