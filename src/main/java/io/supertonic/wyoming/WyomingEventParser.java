package io.supertonic.wyoming;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

/**
 * Turns the bytes of a Wyoming connection into events: a {@link RecordParser} reads the header line
 * in delimited mode, then switches to fixed-size mode for the data and the payload that the header
 * announces, then back.
 *
 * <p>Errors come in two kinds. A header line that is not a JSON object with a {@code type}, or data
 * bytes that are not a JSON object, leave the framing intact (the line or the announced bytes were
 * consumed), so the connection can go on ({@link WyomingProtocolException#fatal()} false). A line
 * longer than the limit or a length that is negative or over it loses the framing: fatal.
 */
final class WyomingEventParser implements Handler<Buffer> {
  private final int maxEventBytes;
  private final RecordParser parser;
  private final Handler<WyomingEvent> events;
  private final Handler<WyomingProtocolException> errors;

  private JsonObject header;
  private JsonObject data;
  private int payloadLength;
  private boolean dataMalformed;
  private boolean failed;

  /**
   * @param maxEventBytes the longest header line, data and payload accepted (each)
   */
  WyomingEventParser(
      int maxEventBytes, Handler<WyomingEvent> events, Handler<WyomingProtocolException> errors) {
    this.maxEventBytes = maxEventBytes;
    this.events = events;
    this.errors = errors;
    this.parser = RecordParser.newDelimited("\n", this::onRecord);
    parser.maxRecordSize(maxEventBytes);
    parser.exceptionHandler(
        err ->
            fail(
                new WyomingProtocolException(
                    "event_too_large",
                    "event header line longer than " + maxEventBytes + " bytes",
                    true)));
  }

  @Override
  public void handle(Buffer bytes) {
    if (!failed) {
      parser.handle(bytes);
    }
  }

  private void onRecord(Buffer record) {
    if (failed) {
      return;
    }
    if (header == null) {
      onHeader(record);
    } else if (data == null) {
      onData(record);
    } else {
      onPayload(record);
    }
  }

  private void onHeader(Buffer line) {
    String text = line.toString().strip();
    if (text.isEmpty()) {
      return;
    }
    JsonObject parsed;
    try {
      parsed = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      errors.handle(
          new WyomingProtocolException(
              "malformed_event", "event header is not a JSON object", false));
      return;
    }
    Object type = parsed.getValue("type");
    int dataLength = length(parsed, "data_length");
    int payload = length(parsed, "payload_length");
    if (dataLength < 0 || payload < 0) {
      return;
    }
    if (!(type instanceof String) || ((String) type).isEmpty()) {
      // The announced bytes still have to be skipped to keep the framing.
      dataMalformed = true;
    }
    Object inline = parsed.getValue("data");
    header = parsed;
    data = null;
    dataMalformed |= inline != null && !(inline instanceof JsonObject);
    payloadLength = payload;
    if (dataLength > 0) {
      parser.fixedSizeMode(dataLength);
    } else {
      onData(null);
    }
  }

  /** -1 (and a fatal error) when the field is there but not a length this server accepts. */
  private int length(JsonObject parsed, String field) {
    Object value = parsed.getValue(field);
    if (value == null) {
      return 0;
    }
    if (!(value instanceof Number n) || n.longValue() < 0 || n.longValue() > maxEventBytes) {
      fail(
          new WyomingProtocolException(
              "event_too_large",
              field + " must be a number from 0 to " + maxEventBytes + ", got " + value,
              true));
      return -1;
    }
    return n.intValue();
  }

  private void onData(Buffer bytes) {
    JsonObject merged =
        header.getValue("data") instanceof JsonObject inline ? inline.copy() : new JsonObject();
    if (bytes != null) {
      try {
        merged.mergeIn(new JsonObject(bytes));
      } catch (DecodeException | ClassCastException e) {
        dataMalformed = true;
      }
    }
    data = merged;
    if (payloadLength > 0) {
      parser.fixedSizeMode(payloadLength);
    } else {
      onPayload(null);
    }
  }

  private void onPayload(Buffer payload) {
    String type = header.getValue("type") instanceof String s ? s : null;
    boolean malformed = dataMalformed;
    JsonObject eventData = data;
    header = null;
    data = null;
    dataMalformed = false;
    payloadLength = 0;
    parser.delimitedMode("\n");
    if (malformed || type == null || type.isEmpty()) {
      errors.handle(
          new WyomingProtocolException(
              "malformed_event",
              type == null || type.isEmpty()
                  ? "event header has no \"type\""
                  : "data of event '" + type + "' is not a JSON object",
              false));
      return;
    }
    events.handle(new WyomingEvent(type, eventData, payload));
  }

  private void fail(WyomingProtocolException err) {
    if (!failed) {
      failed = true;
      errors.handle(err);
    }
  }
}
