package io.supertonic.bus;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Carries a {@link SynthesisFailure} across a clustered bus as its JSON body, so the requester gets
 * the typed failure back (the bus fails a request whose reply body is a {@code ReplyException}).
 * Every node that sends or receives one registers it with {@link #register(Vertx)}.
 */
public final class SynthesisFailureCodec
    implements MessageCodec<SynthesisFailure, SynthesisFailure> {
  public static final String NAME = "supertonic-synthesis-failure";

  /** Registers the codec as the default for {@link SynthesisFailure}; safe to call again. */
  public static void register(Vertx vertx) {
    try {
      vertx.eventBus().registerDefaultCodec(SynthesisFailure.class, new SynthesisFailureCodec());
    } catch (IllegalStateException alreadyRegistered) {
      // Another client or worker on this Vert.x instance registered it first: same codec.
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, SynthesisFailure failure) {
    Buffer json = failure.toJson().toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public SynthesisFailure decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return SynthesisFailure.fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public SynthesisFailure transform(SynthesisFailure failure) {
    return failure;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
