package io.supertonic.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live workers as their advertisements on {@link Addresses#WORKERS} describe them. A worker
 * that has not advertised for {@value SynthesisProtocol#ADVERT_EXPIRY_MS} ms is taken for dead,
 * before the cluster manager notices its node is gone. {@link #pick} chooses the worker with the
 * most free capacity and counts the pick until the worker's next advertisement, so a burst of
 * requests spreads over the workers instead of all landing on the one that looked freest.
 */
public final class WorkerDirectory {
  private final Vertx vertx;
  private final Map<String, Entry> workers = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> consumer;

  private static final class Entry {
    final WorkerInfo info;
    final long seenNanos;
    int pending;
    long pickedNanos;

    Entry(WorkerInfo info, long seenNanos) {
      this.info = info;
      this.seenNanos = seenNanos;
    }

    int free() {
      return info.freeSlots() - pending;
    }

    int room() {
      return info.room() - pending;
    }
  }

  public WorkerDirectory(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Listens to advertisements and asks every worker for one at once. */
  public Future<Void> start() {
    consumer =
        vertx
            .eventBus()
            .consumer(Addresses.WORKERS, message -> onAdvert(WorkerInfo.fromJson(message.body())));
    return consumer
        .completion()
        .onSuccess(v -> vertx.eventBus().publish(Addresses.WORKERS_HELLO, new JsonObject()));
  }

  public Future<Void> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  /** Records an advertisement (also usable with a ping reply). */
  public void onAdvert(WorkerInfo info) {
    if (info.worker() != null) {
      Entry previous = workers.get(info.worker());
      Entry entry = new Entry(info, System.nanoTime());
      if (previous != null) {
        entry.pickedNanos = previous.pickedNanos;
      }
      workers.put(info.worker(), entry);
    }
  }

  /** Workers heard from within the expiry, draining ones included. */
  public List<WorkerInfo> live() {
    expire();
    return workers.values().stream()
        .map(e -> e.info)
        .sorted(Comparator.comparing(WorkerInfo::worker))
        .toList();
  }

  /** Live workers that take new jobs for {@code model} (null: any model). */
  public List<WorkerInfo> available(String model) {
    return live().stream().filter(w -> !w.draining() && serves(w, model)).toList();
  }

  /**
   * The available worker with the most free slots, then the most queue room, then the one picked
   * longest ago; counted as one more job on it until it advertises again. A worker that looks full
   * is still returned when it is the best there is: its own admission decides.
   */
  public Optional<WorkerInfo> pick(String model, Set<String> exclude) {
    expire();
    Optional<Entry> best =
        workers.values().stream()
            .filter(e -> !e.info.draining() && serves(e.info, model))
            .filter(e -> !exclude.contains(e.info.worker()))
            .max(
                Comparator.comparingInt(Entry::free)
                    .thenComparingInt(Entry::room)
                    .thenComparing(e -> -e.pickedNanos));
    best.ifPresent(
        e -> {
          e.pending++;
          e.pickedNanos = System.nanoTime();
        });
    return best.map(e -> e.info);
  }

  /** Drops a worker that failed to answer, until it advertises again. */
  public void forget(String workerId) {
    workers.remove(workerId);
  }

  private static boolean serves(WorkerInfo worker, String model) {
    return model == null || model.equals(worker.model());
  }

  private void expire() {
    long cutoff = System.nanoTime() - SynthesisProtocol.ADVERT_EXPIRY_MS * 1_000_000L;
    workers.values().removeIf(e -> e.seenNanos < cutoff);
  }
}
