package io.supertonic.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the streams (speech responses in progress, open WebSocket sessions) of each client and
 * refuses one beyond the limit. A client with no stream has no entry, so memory follows the number
 * of clients streaming right now.
 */
final class StreamSlots {
  private final int perClient;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  StreamSlots(int perClient) {
    this.perClient = perClient;
  }

  int limit() {
    return perClient;
  }

  /** A lease to release when the stream ends, or null when the client is at its limit. */
  StreamLease tryAcquire(String client) {
    AtomicBoolean granted = new AtomicBoolean();
    open.compute(
        client,
        (k, n) -> {
          int current = n == null ? 0 : n;
          if (current >= perClient) {
            return n;
          }
          granted.set(true);
          return current + 1;
        });
    return granted.get()
        ? new StreamLease(() -> open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1))
        : null;
  }

  int open(String client) {
    return open.getOrDefault(client, 0);
  }
}
