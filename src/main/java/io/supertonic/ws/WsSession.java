package io.supertonic.ws;

import io.supertonic.bus.SynthesisClient;
import io.supertonic.config.ServerLimits;
import io.supertonic.text.SafeText;
import io.supertonic.ws.ClientMessages.ClientMessage;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The protocol state of one WebSocket: the config, the text buffer, the flushed utterances waiting
 * their turn (one synthesis at a time per session, in flush order) and the idle timer.
 *
 * <p>{@code close} follows the seed: the in-flight synthesis is cancelled (the client gets {@code
 * cancelled}), queued utterances are dropped, then the socket closes normally. A client that wants
 * all its audio waits for the last {@code audio_end} before sending {@code close}.
 */
final class WsSession {
  private static final Logger LOG = LoggerFactory.getLogger(WsSession.class);
  static final short CLOSE_NORMAL = 1000;
  static final short CLOSE_GOING_AWAY = 1001;
  static final short CLOSE_TOO_BIG = 1009;

  /** The close reason for an oversize message (close reasons are at most 123 bytes). */
  static String tooBigReason(int limit) {
    return "message too large: the limit is " + limit + " bytes (max_message_bytes)";
  }

  private final Vertx vertx;
  private final String id;
  private final WsSettings settings;
  private final ModelCatalog catalog;
  private final SynthesisClient client;
  private final WsOutbox outbox;
  private final Handler<WsSession> onClosed;
  private final StringBuilder text = new StringBuilder();
  private final Deque<WsUtterance> queue = new ArrayDeque<>();

  private WsConfig config;
  private WsUtterance current;
  private int utterances;
  private boolean closing;
  private boolean closed;
  private long idleTimer = -1;

  WsSession(
      Vertx vertx,
      String id,
      WsSettings settings,
      ModelCatalog catalog,
      SynthesisClient client,
      WsOutbox outbox,
      Handler<WsSession> onClosed) {
    this.vertx = vertx;
    this.id = id;
    this.settings = settings;
    this.catalog = catalog;
    this.client = client;
    this.outbox = outbox;
    this.onClosed = onClosed;
    this.config = settings.initialConfig();
  }

  String id() {
    return id;
  }

  /** Greets the client with the defaults and the audio format. */
  void start() {
    outbox.send(
        new JsonObject()
            .put("type", "ready")
            .put("session", id)
            .put("sample_rate", config.outputRate(catalog.sampleRate()))
            .put("encoding", WsConfig.encoding(config.outputRate(catalog.sampleRate())))
            .put("voice", config.voice())
            .put("lang", config.lang())
            .put("speed", config.speed())
            .put("total_steps", config.totalSteps())
            .put("config", config.toJson(catalog.sampleRate())));
    rearmIdleTimer();
  }

  /** An event from the route (see {@link WsBridge}). */
  void onEvent(JsonObject event) {
    if (closed) {
      return;
    }
    switch (event.getString("event", "")) {
      case WsBridge.EVENT_TEXT -> onFrame(event.getString("data", ""));
      case WsBridge.EVENT_BINARY -> {
        outbox.error(
            WsProtocolException.INVALID_MESSAGE,
            "binary frames are not accepted; send JSON text messages (type: config, text, flush, cancel, close)");
        rearmIdleTimer();
      }
      case WsBridge.EVENT_CLOSED -> shutdown("socket closed by the client");
      default -> LOG.warn("Session {}: unknown bridge event {}", id, event.getString("event"));
    }
  }

  private void onFrame(String frame) {
    if (closing) {
      return;
    }
    if (frame.length() > settings.maxMessageBytes()
        || frame.getBytes(StandardCharsets.UTF_8).length > settings.maxMessageBytes()) {
      // The HTTP server refuses larger messages itself (see WebSocketRoute); this catches a limit
      // set differently on the two sides.
      finishClose(CLOSE_TOO_BIG, tooBigReason(settings.maxMessageBytes()));
      return;
    }
    try {
      handle(ClientMessages.parse(frame));
    } catch (WsProtocolException e) {
      outbox.error(e.code(), e.getMessage());
    }
    rearmIdleTimer();
  }

  private void handle(ClientMessage message) {
    JsonObject body = message.body();
    switch (message.type()) {
      case ClientMessages.CONFIG -> {
        config = config.apply(body, catalog);
        outbox.send(
            new JsonObject()
                .put("type", "config_ack")
                .put("config", config.toJson(catalog.sampleRate())));
      }
      case ClientMessages.TEXT -> appendText(body.getValue("text", ""));
      case ClientMessages.FLUSH -> {
        // Cleared only once queued: a refused flush (queue_full) keeps the text for a retry.
        enqueue(text.toString().trim());
        text.setLength(0);
      }
      case ClientMessages.CANCEL -> cancel();
      case ClientMessages.CLOSE -> closeByClient();
      default -> throw new IllegalStateException("unhandled message type " + message.type());
    }
  }

  private void appendText(Object delta) {
    if (!(delta instanceof String s)) {
      throw new WsProtocolException("text.text must be a string, got " + SafeText.of(delta));
    }
    if (text.length() + s.length() > settings.maxInputChars()) {
      throw new WsProtocolException(
          "text_too_long",
          "text buffer would exceed "
              + settings.maxInputChars()
              + " characters (max_input_chars); send flush first");
    }
    text.append(s);
    // An SSML document is one utterance: cut into sentences it would no longer be well-formed.
    if (config.autoFlush() && !io.supertonic.engine.text.ssml.SsmlParser.isSsml(text)) {
      io.supertonic.engine.text.SentenceSplitter.takeComplete(text).forEach(this::enqueue);
    }
  }

  private void enqueue(String utteranceText) {
    if (utteranceText.isEmpty()) {
      return;
    }
    ServerLimits limits = settings.limits();
    if (queue.size() >= limits.wsMaxQueuedUtterances()) {
      throw new WsProtocolException(
          "queue_full",
          "this session already has "
              + queue.size()
              + " utterances waiting (ws_max_queued_utterances); wait for audio_end before flushing"
              + " more");
    }
    double estimate = ServerLimits.estimatedAudioSeconds(utteranceText.length(), config.speed());
    if (estimate > limits.maxAudioSeconds()) {
      throw new WsProtocolException(
          "audio_too_long",
          String.format(
              java.util.Locale.ROOT,
              "this utterance would make about %.0f s of audio; the limit is %.0f s"
                  + " (max_audio_seconds)",
              estimate,
              limits.maxAudioSeconds()));
    }
    String utteranceId = id + "-" + (++utterances);
    queue.add(
        new WsUtterance(vertx, utteranceId, utteranceText, config, outbox, this::onUtteranceDone));
    startNext();
  }

  private void startNext() {
    if (current != null || closed) {
      return;
    }
    current = queue.poll();
    if (current != null) {
      current.start(client);
    }
  }

  private void onUtteranceDone(WsUtterance done) {
    if (done != current) {
      return;
    }
    current = null;
    if (closing) {
      finishClose(CLOSE_NORMAL, "closed by client request");
      return;
    }
    startNext();
    rearmIdleTimer();
  }

  /**
   * Drops the text buffer and the queue, stops the in-flight synthesis; answers {@code cancelled}.
   */
  private void cancel() {
    text.setLength(0);
    queue.clear();
    if (current != null && !current.isCancelRequested()) {
      // The utterance answers `cancelled` once the worker has stopped.
      current.cancel();
    } else {
      outbox.send(new JsonObject().put("type", "cancelled"));
    }
  }

  private void closeByClient() {
    closing = true;
    text.setLength(0);
    queue.clear();
    if (current != null) {
      current.cancel();
    } else {
      finishClose(CLOSE_NORMAL, "closed by client request");
    }
  }

  private void finishClose(short code, String reason) {
    outbox.close(code, reason);
    shutdown(reason);
  }

  /** Stops everything this session holds; safe to call more than once. */
  void shutdown(String reason) {
    if (closed) {
      return;
    }
    closed = true;
    cancelIdleTimer();
    text.setLength(0);
    queue.clear();
    if (current != null) {
      current.cancel();
    }
    LOG.info("WebSocket session {} ended ({}) after {} utterance(s)", id, reason, utterances);
    onClosed.handle(this);
  }

  /** Closes the socket from the server side (verticle stopping). */
  void closeFromServer(String reason) {
    if (!closed) {
      finishClose(CLOSE_GOING_AWAY, reason);
    }
  }

  private boolean busy() {
    return current != null || !queue.isEmpty();
  }

  private void rearmIdleTimer() {
    cancelIdleTimer();
    if (closed || closing || busy() || settings.idleTimeoutMs() <= 0) {
      return;
    }
    idleTimer =
        vertx.setTimer(
            settings.idleTimeoutMs(),
            t -> {
              idleTimer = -1;
              if (!busy()) {
                finishClose(
                    CLOSE_NORMAL,
                    "idle timeout: no message for " + settings.idleTimeoutMs() + " ms");
              }
            });
  }

  private void cancelIdleTimer() {
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
      idleTimer = -1;
    }
  }
}
