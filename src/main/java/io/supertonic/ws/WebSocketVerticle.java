package io.supertonic.ws;

import io.supertonic.bus.Addresses;
import io.supertonic.bus.SynthesisClient;
import io.supertonic.engine.VoiceAliases;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the WebSocket TTS protocol sessions ({@code /v1/audio/speech/stream}); the sockets
 * themselves live with {@link WebSocketRoute} on the HTTP server, linked over the event bus as
 * {@link WsBridge} describes. Settings come from the deployment config ({@link WsSettings}). With
 * {@code ws_enabled} false it opens no sessions.
 */
public final class WebSocketVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketVerticle.class);
  private static final long PING_TIMEOUT_MS = 5_000;

  private final Map<String, WsSession> sessions = new HashMap<>();
  private final Map<String, MessageConsumer<JsonObject>> inboxes = new HashMap<>();
  private WsSettings settings;
  private SynthesisClient client;
  private ModelCatalog catalog;

  @Override
  public Future<?> start() {
    settings = WsSettings.fromJson(config());
    if (!settings.enabled()) {
      LOG.info("WebSocket TTS endpoint disabled (ws_enabled=false)");
      return Future.succeededFuture();
    }
    client = new SynthesisClient(vertx);
    MessageConsumer<JsonObject> opener = vertx.eventBus().consumer(Addresses.WS_OPEN, this::onOpen);
    return opener.completion();
  }

  @Override
  public Future<?> stop() {
    List.copyOf(sessions.values()).forEach(s -> s.closeFromServer("server shutting down"));
    return Future.succeededFuture();
  }

  private void onOpen(Message<JsonObject> message) {
    String outboxAddress = message.body().getString("outbox");
    if (outboxAddress == null) {
      message.fail(400, "open request without an outbox address");
      return;
    }
    modelCatalog()
        .onComplete(
            known -> {
              String sessionId = "ws-" + UUID.randomUUID().toString().substring(0, 8);
              String inbox = Addresses.WS_INBOX_PREFIX + sessionId;
              WsOutbox outbox = new WsOutbox(vertx, outboxAddress);
              WsSession session =
                  new WsSession(
                      vertx,
                      sessionId,
                      settings,
                      known.result(),
                      client,
                      outbox,
                      this::onSessionClosed);
              MessageConsumer<JsonObject> consumer =
                  vertx.eventBus().consumer(inbox, m -> onInboxEvent(session, m.body()));
              sessions.put(sessionId, session);
              inboxes.put(sessionId, consumer);
              consumer
                  .completion()
                  .onSuccess(
                      v -> {
                        LOG.info(
                            "WebSocket session {} opened from {}",
                            sessionId,
                            message.body().getString("remote", "?"));
                        message.reply(
                            new JsonObject().put("inbox", inbox).put("session", sessionId));
                        session.start();
                      })
                  .onFailure(err -> message.fail(500, "cannot open session: " + err.getMessage()));
            });
  }

  private void onInboxEvent(WsSession session, JsonObject event) {
    session.onEvent(event);
    // The inbox outlives a session the server ended, until the route confirms the socket is gone,
    // so that last event still has somewhere to land.
    if (WsBridge.EVENT_CLOSED.equals(event.getString("event"))) {
      MessageConsumer<JsonObject> consumer = inboxes.remove(session.id());
      if (consumer != null) {
        consumer.unregister();
      }
    }
  }

  private void onSessionClosed(WsSession session) {
    sessions.remove(session.id());
  }

  /**
   * The worker's voices, languages and sample rate; cached once a worker answered, so later
   * sessions validate config at once. Never fails: without an answer the session falls back to the
   * worker's own checks at flush time.
   */
  private Future<ModelCatalog> modelCatalog() {
    if (catalog != null) {
      return Future.succeededFuture(catalog);
    }
    return vertx
        .eventBus()
        .<JsonObject>request(
            Addresses.WORKER_PING,
            new JsonObject(),
            new DeliveryOptions().setSendTimeout(PING_TIMEOUT_MS))
        .map(
            reply -> {
              catalog =
                  ModelCatalog.fromPing(
                      reply.body(),
                      settings.fallbackSampleRate(),
                      VoiceAliases.fromJson(config().getJsonObject("voice_aliases")));
              return catalog;
            })
        .otherwise(
            err -> {
              LOG.warn(
                  "No synthesis worker answered the model probe ({}); voice and language are checked at flush",
                  err.getMessage());
              return ModelCatalog.unknown(settings.fallbackSampleRate());
            });
  }
}
