package io.supertonic.bus;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Optional;

/**
 * The JSON messages a worker sends to a job's stream address (binary chunks are Buffers with {@link
 * ChunkHeader} headers). Exactly one terminal message ({@link End}, {@link Cancelled}, {@link
 * Error}, {@link Stalled}) ends a stream.
 */
public sealed interface StreamMessage {

  JsonObject toJson();

  /** True for the messages that end a stream. */
  default boolean terminal() {
    return false;
  }

  /**
   * Reads a message; empty for a type this version does not know (a newer server's addition, which
   * an older client skips).
   */
  static Optional<StreamMessage> fromJson(JsonObject json) {
    if (json == null
        || !SynthesisProtocol.compatible(json.getString(SynthesisProtocol.FIELD_VERSION))) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        switch (json.getString("type", "")) {
          case SynthesisProtocol.TYPE_CHUNK ->
              new Chunk(
                  ChunkHeader.fromJson(json),
                  Base64.getDecoder().decode(json.getString("audio", "")));
          case SynthesisProtocol.TYPE_QUEUED -> new Queued(json.getInteger("ahead", 0));
          case SynthesisProtocol.TYPE_KEEPALIVE -> new KeepAlive();
          case SynthesisProtocol.TYPE_END ->
              new End(EndStats.fromJson(json.getJsonObject("stats")));
          case SynthesisProtocol.TYPE_CANCELLED ->
              new Cancelled(json.getString("reason", "client"));
          case SynthesisProtocol.TYPE_ERROR -> new Error(SynthesisFailure.fromJson(json));
          case SynthesisProtocol.TYPE_STALLED ->
              new Stalled(json.getString("message", "the client stopped reading"));
          default -> null;
        });
  }

  private static JsonObject typed(String type) {
    return new JsonObject()
        .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
        .put("type", type);
  }

  /** A chunk in the base64 chunk encoding. */
  record Chunk(ChunkHeader header, byte[] pcm) implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return header.toJson(pcm);
    }
  }

  /**
   * The job waits in the worker's queue with {@code ahead} jobs before it (0 = next to start). Sent
   * when the job is queued and each time the queue moves.
   */
  record Queued(int ahead) implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_QUEUED).put("ahead", ahead);
    }
  }

  /** The worker is alive and still owes this stream audio. */
  record KeepAlive() implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_KEEPALIVE);
    }
  }

  /** All audio was sent. */
  record End(EndStats stats) implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_END).put("stats", stats.toJson());
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /**
   * The job stopped early because it was cancelled.
   *
   * @param reason {@code client} (a cancel message), {@code client_gone} (the client's keep-alives
   *     stopped)
   */
  record Cancelled(String reason) implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_CANCELLED).put("reason", reason);
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** The job failed; the body is the {@link SynthesisFailure}'s. */
  record Error(SynthesisFailure failure) implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return failure.toJson().put("type", SynthesisProtocol.TYPE_ERROR);
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** The client granted no credit for the worker's stall timeout; the job was dropped. */
  record Stalled(String message) implements StreamMessage {
    @Override
    public JsonObject toJson() {
      return typed(SynthesisProtocol.TYPE_STALLED)
          .put("code", ErrorCode.STALLED.id())
          .put("message", message);
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }
}
