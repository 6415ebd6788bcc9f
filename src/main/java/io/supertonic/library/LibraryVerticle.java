package io.supertonic.library;

import io.supertonic.engine.text.Lexicon;
import io.supertonic.engine.text.Lexicons;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's user library in step with the cluster. At start it loads the lexicon directory,
 * then takes the whole library from a node that is already running (which holds every change made
 * since), so a worker that joins late speaks as the others do. Afterwards it applies every
 * published change and answers later nodes' snapshot requests. Runs on every node: on a node with
 * the model the lexicons are the engine's own.
 */
public final class LibraryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(LibraryVerticle.class);
  private static final long SNAPSHOT_TIMEOUT_MS = 3_000;

  private final Lexicons lexicons;
  private final Path lexiconDir;

  /**
   * @param lexicons this node's lexicons (the engine's on a node with the model)
   * @param lexiconDir {@code --lexicon}; null when not set
   */
  public LibraryVerticle(Lexicons lexicons, Path lexiconDir) {
    this.lexicons = lexicons;
    this.lexiconDir = lexiconDir;
  }

  @Override
  public Future<?> start() {
    MessageConsumer<JsonObject> changes =
        vertx.eventBus().consumer(LibraryAddresses.LEXICON_CHANGED, this::onLexiconChange);
    Future<Map<String, Lexicon>> fromDir =
        lexiconDir == null
            ? Future.succeededFuture(Map.of())
            : vertx.executeBlocking(() -> new LexiconFiles(lexiconDir).loadAll());
    return changes
        .completion()
        .compose(v -> fromDir)
        .compose(
            local -> {
              lexicons.replaceAll(local);
              return takeSnapshotFromPeer();
            })
        .compose(
            v ->
                vertx
                    .eventBus()
                    .<JsonObject>consumer(
                        LibraryAddresses.SNAPSHOT, m -> m.reply(snapshot().toJson()))
                    .completion());
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
              LOG.info(
                  "Library taken from a running node: lexicons for {}",
                  snapshot.lexicons().keySet());
              return (Void) null;
            })
        .recover(
            err -> {
              if (!(err instanceof ReplyException)) {
                LOG.warn("Library snapshot unreadable, keeping the local one: {}", err.toString());
              }
              // No other node yet: this one's directory is the library.
              return Future.succeededFuture();
            });
  }

  private LibrarySnapshot snapshot() {
    return new LibrarySnapshot(new TreeMap<>(lexicons.all()));
  }

  private void onLexiconChange(Message<JsonObject> message) {
    try {
      LexiconChange change = LexiconChange.fromJson(message.body());
      lexicons.put(change.lang(), change.lexicon());
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
}
