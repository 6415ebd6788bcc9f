package io.supertonic.library;

import io.supertonic.engine.ModelLoadException;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.text.Lexicons;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's user library (pronunciation lexicons, run-time voices) in step with the
 * cluster. At start it loads its directories, then takes the whole library from a node that is
 * already running (which holds every change made since), so a worker that joins late speaks as the
 * others do. Afterwards it applies every published change and answers later nodes' snapshot
 * requests. Runs on every node; a node with the model also applies voices to its engine and checks
 * uploads against the model's style shapes.
 */
public final class LibraryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LibraryVerticle.class);
  private static final long SNAPSHOT_TIMEOUT_MS = 3_000;

  /** Header naming the node that published a change; that node has applied it already. */
  private static final String ORIGIN = "origin";

  private final Lexicons lexicons;
  private final SupertonicEngine engine;
  private final Path lexiconDir;
  private final Path voicesDir;

  /** Run-time voices as style JSON, by id: what a joining node must add. */
  private final Map<String, JsonObject> voices = new ConcurrentSkipListMap<>();

  /**
   * @param lexicons this node's lexicons (the engine's on a node with the model)
   * @param engine the loaded model; null on a gateway
   * @param lexiconDir {@code --lexicon}; null when not set
   * @param voicesDir {@code --voices-dir}; null when not set
   */
  public LibraryVerticle(
      Lexicons lexicons, SupertonicEngine engine, Path lexiconDir, Path voicesDir) {
    this.lexicons = lexicons;
    this.engine = engine;
    this.lexiconDir = lexiconDir;
    this.voicesDir = voicesDir;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<JsonObject> lexiconChanges =
        vertx.eventBus().consumer(LibraryAddresses.LEXICON_CHANGED, this::onLexiconChange);
    MessageConsumer<JsonObject> voiceChanges =
        vertx.eventBus().consumer(LibraryAddresses.VOICE_CHANGED, this::onVoiceChange);
    MessageConsumer<JsonObject> lexiconApply =
        vertx
            .eventBus()
            .localConsumer(
                LibraryAddresses.LEXICON_APPLY,
                m ->
                    applyHereThenPublish(
                        m,
                        LibraryAddresses.LEXICON_CHANGED,
                        json -> applyLexicon(LexiconChange.fromJson(json))));
    MessageConsumer<JsonObject> voiceApply =
        vertx
            .eventBus()
            .localConsumer(
                LibraryAddresses.VOICE_APPLY,
                m ->
                    applyHereThenPublish(
                        m,
                        LibraryAddresses.VOICE_CHANGED,
                        json -> applyVoice(VoiceChange.fromJson(json))));
    Future<?> checks =
        engine == null
            ? Future.succeededFuture()
            : vertx
                .eventBus()
                .<JsonObject>consumer(LibraryAddresses.VOICE_CHECK, this::onVoiceCheck)
                .completion();
    return Future.all(
            List.of(
                lexiconChanges.completion(),
                voiceChanges.completion(),
                lexiconApply.completion(),
                voiceApply.completion(),
                checks))
        .compose(v -> vertx.executeBlocking(this::loadDirectories))
        .compose(v -> takeSnapshotFromPeer())
        .compose(
            v ->
                vertx
                    .eventBus()
                    .<JsonObject>consumer(
                        LibraryAddresses.SNAPSHOT, m -> m.reply(snapshot().toJson()))
                    .completion());
  }

  /** Blocking. The engine loaded the voices directory itself; here it is kept for snapshots. */
  private Void loadDirectories() {
    if (lexiconDir != null) {
      lexicons.replaceAll(new LexiconFiles(lexiconDir).loadAll());
    }
    if (voicesDir != null) {
      voices.putAll(new VoiceFiles(voicesDir).loadAll());
    }
    return null;
  }

  private Future<Void> takeSnapshotFromPeer() {
    return vertx
        .eventBus()
        .<JsonObject>request(
            LibraryAddresses.SNAPSHOT,
            new JsonObject(),
            new DeliveryOptions().setSendTimeout(SNAPSHOT_TIMEOUT_MS))
        .map(
            reply -> {
              LibrarySnapshot snapshot = LibrarySnapshot.fromJson(reply.body());
              lexicons.replaceAll(snapshot.lexicons());
              snapshot.voices().forEach((id, style) -> applyVoice(new VoiceChange(id, style)));
              LOG.info(
                  "Library taken from a running node: lexicons {}, voices {}",
                  snapshot.lexicons().keySet(),
                  snapshot.voices().keySet());
              return (Void) null;
            })
        .recover(
            err -> {
              if (!(err instanceof ReplyException)) {
                LOG.warn("Library snapshot unreadable, keeping the local one: {}", err.toString());
              }
              // No other node yet: this one's directories are the library.
              return Future.succeededFuture();
            });
  }

  private LibrarySnapshot snapshot() {
    return new LibrarySnapshot(new TreeMap<>(lexicons.all()), new TreeMap<>(voices));
  }

  /**
   * A change from this node's HTTP routes: applied here before the reply, then published to the
   * other nodes.
   */
  private void applyHereThenPublish(
      Message<JsonObject> message, String publishAddress, Consumer<JsonObject> apply) {
    try {
      apply.accept(message.body());
    } catch (RuntimeException e) {
      message.fail(400, "invalid library change: " + e.getMessage());
      return;
    }
    publishToOthers(publishAddress, message.body());
    message.reply(new JsonObject());
  }

  /**
   * Publishes a change this node has applied; its own consumer of the address skips it by the
   * origin header.
   */
  private void publishToOthers(String address, JsonObject change) {
    vertx
        .eventBus()
        .publish(address, change, new DeliveryOptions().addHeader(ORIGIN, deploymentID()));
  }

  private boolean fromThisNode(Message<?> message) {
    return deploymentID().equals(message.headers().get(ORIGIN));
  }

  private void applyLexicon(LexiconChange change) {
    lexicons.put(change.lang(), change.lexicon());
  }

  private void onLexiconChange(Message<JsonObject> message) {
    if (fromThisNode(message)) {
      return;
    }
    try {
      LexiconChange change = LexiconChange.fromJson(message.body());
      applyLexicon(change);
      LOG.info(
          "Lexicon {} {}",
          change.lang(),
          change.lexicon() == null
              ? "removed"
              : "now has " + change.lexicon().entries().size() + " entries");
    } catch (RuntimeException e) {
      LOG.warn("Ignoring an invalid lexicon change: {}", e.getMessage());
    }
  }

  private void onVoiceChange(Message<JsonObject> message) {
    if (fromThisNode(message)) {
      return;
    }
    VoiceChange change = VoiceChange.fromJson(message.body());
    applyVoice(change);
    LOG.info("Voice {} {}", change.id(), change.style() == null ? "removed" : "added");
  }

  private void applyVoice(VoiceChange change) {
    if (change.id() == null || !VoiceFiles.ID.matcher(change.id()).matches()) {
      return;
    }
    if (change.style() == null) {
      voices.remove(change.id());
      if (engine != null) {
        engine.removeVoice(change.id());
      }
      return;
    }
    voices.put(change.id(), change.style());
    if (engine != null) {
      try {
        engine.addVoice(change.id(), change.style());
      } catch (ModelLoadException e) {
        // Checked by a worker before publishing; a node with another model may still refuse it.
        LOG.warn("Voice {} does not fit this node's model: {}", change.id(), e.getMessage());
      }
    }
  }

  /**
   * {@code {"op":"add","id","style"}}: replies {@code {}} when the style fits the model, else fails
   * with 400 and the reason. {@code {"op":"delete","id"}}: replies {@code {"preset", "exists"}}.
   */
  private void onVoiceCheck(Message<JsonObject> message) {
    JsonObject body = message.body();
    String id = body.getString("id", "");
    if ("delete".equals(body.getString("op"))) {
      message.reply(
          new JsonObject()
              .put("preset", engine.isPresetVoice(id))
              .put("exists", engine.info().voices().contains(id)));
      return;
    }
    if (engine.isPresetVoice(id)) {
      message.fail(409, "'" + id + "' is one of the model's own voices and cannot be replaced");
      return;
    }
    try {
      engine.checkVoice(id, body.getJsonObject("style", new JsonObject()));
      message.reply(new JsonObject());
    } catch (ModelLoadException e) {
      message.fail(400, e.getMessage());
    }
  }
}
