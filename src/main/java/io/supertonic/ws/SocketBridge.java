package io.supertonic.ws;

import io.supertonic.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route's half of one WebSocket: forwards client frames to the session's inbox and writes the
 * session's outbox to the socket. Replies to an outgoing frame once the socket has written it, so a
 * slow client's full connection delays the replies, which is what paces synthesis (the session's
 * pipe waits for them). Runs on the HTTP verticle's event loop.
 */
final class SocketBridge {
  private static final Logger LOG = LoggerFactory.getLogger(SocketBridge.class);
  private static final short CLOSE_UNAVAILABLE = 1011;

  private final Vertx vertx;
  private final ServerWebSocket socket;
  private final String outboxAddress = Addresses.WS_OUTBOX_PREFIX + UUID.randomUUID();
  private MessageConsumer<Object> outbox;
  private String inbox;
  private boolean closed;

  SocketBridge(Vertx vertx, ServerWebSocket socket) {
    this.vertx = vertx;
    this.socket = socket;
  }

  void open() {
    // Hold client frames until the session exists to receive them.
    socket.pause();
    socket.closeHandler(v -> onSocketClosed());
    socket.exceptionHandler(err -> LOG.debug("WebSocket error: {}", err.getMessage()));
    socket.textMessageHandler(
        text -> toInbox(new JsonObject().put("event", WsBridge.EVENT_TEXT).put("data", text)));
    socket.binaryMessageHandler(
        data ->
            toInbox(
                new JsonObject().put("event", WsBridge.EVENT_BINARY).put("bytes", data.length())));
    outbox = vertx.eventBus().consumer(outboxAddress, this::fromOutbox);
    outbox
        .completion()
        .compose(
            v ->
                vertx
                    .eventBus()
                    .<JsonObject>request(
                        Addresses.WS_OPEN,
                        new JsonObject()
                            .put("outbox", outboxAddress)
                            .put("remote", String.valueOf(socket.remoteAddress()))))
        .onSuccess(
            reply -> {
              inbox = reply.body().getString("inbox");
              if (closed) {
                toInbox(new JsonObject().put("event", WsBridge.EVENT_CLOSED));
              } else {
                socket.resume();
              }
            })
        .onFailure(
            err -> {
              boolean noService =
                  err instanceof io.vertx.core.eventbus.ReplyException r
                      && r.failureType() == ReplyFailure.NO_HANDLERS;
              String reason =
                  noService ? "WebSocket TTS service is not running" : "cannot open a session";
              LOG.warn("WebSocket session could not open: {}", err.getMessage());
              outbox.unregister();
              if (!closed) {
                socket.close(CLOSE_UNAVAILABLE, reason);
              }
            });
  }

  private void toInbox(JsonObject event) {
    if (inbox != null) {
      vertx.eventBus().send(inbox, event);
    }
  }

  private void fromOutbox(Message<Object> message) {
    if (closed) {
      message.fail(410, "socket closed");
      return;
    }
    if (WsBridge.OP_CLOSE.equals(message.headers().get(WsBridge.HEADER_OP))) {
      JsonObject close = (JsonObject) message.body();
      socket.close(close.getInteger("code", 1000).shortValue(), close.getString("reason"));
      return;
    }
    Object body = message.body();
    Future<Void> written =
        body instanceof Buffer binary
            ? socket.writeBinaryMessage(binary)
            : socket.writeTextMessage(
                body instanceof JsonObject json ? json.encode() : String.valueOf(body));
    if (message.replyAddress() != null) {
      written.onComplete(
          done -> {
            if (done.succeeded()) {
              message.reply(null);
            } else {
              message.fail(410, "socket closed");
            }
          });
    }
  }

  private void onSocketClosed() {
    if (closed) {
      return;
    }
    closed = true;
    outbox.unregister();
    toInbox(new JsonObject().put("event", WsBridge.EVENT_CLOSED));
  }
}
