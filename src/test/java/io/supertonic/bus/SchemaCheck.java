package io.supertonic.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Validates the real traffic of a bus against the published JSON Schemas in docs/schema: installed
 * as inbound interceptors, it checks every synthesis message a node receives, by address.
 */
final class SchemaCheck {
  private final Map<String, Validator> validators = new ConcurrentHashMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> checked = new ConcurrentHashMap<>();

  /** Reply addresses of synthesis requests: their replies are accept or failure bodies. */
  private final Set<String> requestReplies = ConcurrentHashMap.newKeySet();

  Validator validator(String file) {
    return validators.computeIfAbsent(
        file,
        f -> {
          try {
            JsonObject schema = new JsonObject(Files.readString(Path.of("docs/schema", f)));
            return Validator.create(
                JsonSchema.of(schema),
                new JsonSchemaOptions()
                    .setDraft(Draft.DRAFT202012)
                    .setBaseUri("https://github.com/supertonic/supertonic-server/"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Checks one JSON value against a schema file, recording a violation when it does not fit. */
  void check(String file, Object json, String where) {
    OutputUnit result = validator(file).validate(json);
    checked.computeIfAbsent(file, k -> new AtomicInteger()).incrementAndGet();
    if (!Boolean.TRUE.equals(result.getValid())) {
      violations.add(where + " does not match " + file + ": " + json + " -> " + result.getErrors());
    }
  }

  void install(Vertx vertx) {
    vertx.eventBus().addOutboundInterceptor(this::outbound);
    vertx.eventBus().addInboundInterceptor(this::inbound);
  }

  private <T> void outbound(DeliveryContext<T> ctx) {
    String address = ctx.message().address();
    if (isRequestAddress(address) && ctx.message().replyAddress() != null) {
      requestReplies.add(ctx.message().replyAddress());
    }
    ctx.next();
  }

  private <T> void inbound(DeliveryContext<T> ctx) {
    try {
      classify(ctx.message().address(), Partition.body(ctx), ctx.message().headers());
    } catch (RuntimeException e) {
      violations.add("checking " + ctx.message().address() + " failed: " + e);
    }
    ctx.next();
  }

  private static boolean isRequestAddress(String address) {
    return address.equals(Addresses.SYNTH)
        || (address.startsWith(Addresses.SYNTH_WORKER_PREFIX)
            && !address.equals(Addresses.WORKER_PING));
  }

  private void classify(String address, Object body, io.vertx.core.MultiMap headers) {
    if (isRequestAddress(address)) {
      check("job-request.schema.json", body, address);
    } else if (address.startsWith(Addresses.STREAM_PREFIX)) {
      if (body instanceof Buffer) {
        JsonObject h = new JsonObject();
        headers.forEach(e -> h.put(e.getKey(), e.getValue()));
        check("chunk-headers.schema.json", h, "chunk headers");
      } else {
        check("stream-message.schema.json", body, "stream message");
      }
    } else if (address.startsWith(Addresses.JOB_PREFIX)) {
      check("control-message.schema.json", body, "control message");
    } else if (address.equals(Addresses.WORKERS)) {
      check("worker-info.schema.json", body, "advertisement");
    } else if (address.equals(Addresses.METRICS_RECORD)) {
      check("request-record.schema.json", body, "metrics record");
    } else if (address.equals(Addresses.METRICS_ACTIVE)) {
      check("metrics-active.schema.json", body, "activity");
    } else if (address.equals(Addresses.METRICS_QUEUE)) {
      check("metrics-queue.schema.json", body, "queue depth");
    } else if (requestReplies.contains(address)) {
      if (body instanceof SynthesisFailure failure) {
        check("synthesis-failure.schema.json", failure.toJson(), "failed reply");
      } else {
        check("job-accepted.schema.json", body, "accept reply");
      }
    }
  }

  List<String> violations() {
    return violations;
  }

  int checked(String file) {
    AtomicInteger n = checked.get(file);
    return n == null ? 0 : n.get();
  }
}
