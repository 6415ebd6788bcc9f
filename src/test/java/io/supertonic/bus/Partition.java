package io.supertonic.bus;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes a worker look dead to a client node, as a kill -9 or a cut cable would: once {@link
 * #kill(String)} is called, nothing from that worker reaches the node (no chunks, keep-alives,
 * replies or advertisements) and nothing from the node reaches it. {@link #silenceClient()} is the
 * converse: the node's keep-alives, credits and cancels stop reaching any worker, as when a gateway
 * vanishes.
 */
public final class Partition {
  /** Stream and reply addresses of each request, by the worker address it was sent to. */
  private final Map<String, String> targetOf = new ConcurrentHashMap<>();

  private final Set<String> deadWorkers = ConcurrentHashMap.newKeySet();

  /** The worker of each job's control address, from the accept replies. */
  private final Map<String, String> controlOwner = new ConcurrentHashMap<>();

  private volatile boolean clientSilenced;

  private final io.vertx.core.Handler<DeliveryContext<Object>> outbound = this::outbound;
  private final io.vertx.core.Handler<DeliveryContext<Object>> inbound = this::inbound;

  /** Intercepts on the client's node. */
  public void install(Vertx clientNode) {
    clientNode.eventBus().addOutboundInterceptor(outbound);
    clientNode.eventBus().addInboundInterceptor(inbound);
  }

  public void uninstall(Vertx clientNode) {
    clientNode.eventBus().removeOutboundInterceptor(outbound);
    clientNode.eventBus().removeInboundInterceptor(inbound);
  }

  public void kill(String workerId) {
    deadWorkers.add(workerId);
  }

  public void silenceClient() {
    clientSilenced = true;
  }

  private <T> void outbound(DeliveryContext<T> ctx) {
    String address = ctx.message().address();
    if (address.startsWith(Addresses.SYNTH_WORKER_PREFIX)
        && body(ctx) instanceof JsonObject request) {
      String worker = address.substring(Addresses.SYNTH_WORKER_PREFIX.length());
      if (request.getString("stream") != null) {
        targetOf.put(request.getString("stream"), worker);
      }
      if (ctx.message().replyAddress() != null) {
        targetOf.put(ctx.message().replyAddress(), worker);
      }
      if (deadWorkers.contains(worker)) {
        return;
      }
    }
    if (address.startsWith(Addresses.JOB_PREFIX)
        && (clientSilenced || deadWorkers.contains(controlOwner.getOrDefault(address, "")))) {
      return;
    }
    ctx.next();
  }

  private <T> void inbound(DeliveryContext<T> ctx) {
    String address = ctx.message().address();
    String from = targetOf.get(address);
    if (from != null && deadWorkers.contains(from)) {
      return;
    }
    if (body(ctx) instanceof JsonObject json && json.getString("worker") != null) {
      String worker = json.getString("worker");
      if (address.equals(Addresses.WORKERS) && deadWorkers.contains(worker)) {
        return;
      }
      if (json.getString("control") != null) {
        // An accept reply (possibly forwarded): remember whose job it is, for a later kill.
        controlOwner.put(json.getString("control"), worker);
        if (deadWorkers.contains(worker)) {
          return;
        }
      }
    }
    if (clientSilenced && address.startsWith(Addresses.STREAM_PREFIX)) {
      return;
    }
    ctx.next();
  }

  /**
   * The message body: on a clustered bus the context holds it for outbound messages and the message
   * (decoded on demand) for inbound ones.
   */
  static Object body(DeliveryContext<?> ctx) {
    Object body = ctx.body();
    return body != null ? body : ctx.message().body();
  }
}
