package io.supertonic.ws;

/**
 * The event-bus conversation between {@link WebSocketRoute} (owns the socket, on the HTTP verticle)
 * and {@link WebSocketVerticle} (owns the protocol session). All bodies are JSON or Buffers.
 *
 * <ol>
 *   <li>The route registers a consumer on a fresh <em>outbox</em> address, then requests {@link
 *       io.supertonic.bus.Addresses#WS_OPEN} with {@code {"outbox", "remote"}}; the verticle
 *       replies {@code {"inbox", "session"}}.
 *   <li>Route → inbox: {@code {"event":"text","data":...}} per text frame, {@code
 *       {"event":"binary", "bytes":n}} per binary frame (refused by the protocol), {@code
 *       {"event":"closed"}} once.
 *   <li>Verticle → outbox: a JsonObject is written as a text frame, a Buffer as a binary frame;
 *       header {@value #HEADER_OP}={@value #OP_CLOSE} with body {@code {"code","reason"}} closes
 *       the socket. When the verticle sends with request/reply, the route replies once the socket
 *       has written the frame (a slow client's full connection delays it): the backpressure signal
 *       that paces synthesis to the client.
 * </ol>
 */
public final class WsBridge {
  private WsBridge() {}

  static final String HEADER_OP = "op";
  static final String OP_CLOSE = "close";

  static final String EVENT_TEXT = "text";
  static final String EVENT_BINARY = "binary";
  static final String EVENT_CLOSED = "closed";
}
