package io.supertonic.bus;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;

/**
 * A synthesis that was refused or failed: the failed reply to a request (it travels with {@link
 * SynthesisFailureCodec}), the terminal {@code error}/{@code stalled}/{@code cancelled} of a
 * stream, or a failure the client detected itself ({@code worker_lost}, {@code no_worker}). {@link
 * #failureCode()} is the HTTP-like {@link #status()}, so a plain {@code ReplyException} reader
 * (e.g. behind the TCP bridge) still sees a meaningful code.
 */
public final class SynthesisFailure extends ReplyException {
  private final String code;
  private final String param;
  private final int status;

  public SynthesisFailure(String code, int status, String message, String param) {
    super(ReplyFailure.RECIPIENT_FAILURE, status, message, false);
    this.code = code;
    this.status = status;
    this.param = param;
  }

  public SynthesisFailure(ErrorCode code, String message) {
    this(code.id(), code.status(), message, null);
  }

  public SynthesisFailure(ErrorCode code, String message, String param) {
    this(code.id(), code.status(), message, param);
  }

  /** The wire code, e.g. {@code queue_full}; see {@link ErrorCode}. */
  public String code() {
    return code;
  }

  /** The known code, if this client knows it. */
  public java.util.Optional<ErrorCode> errorCode() {
    return ErrorCode.of(code);
  }

  public boolean is(ErrorCode errorCode) {
    return errorCode.id().equals(code);
  }

  /** HTTP-like status: 400 bad input, 503 busy or no worker, 500 server failure. */
  public int status() {
    return status;
  }

  /** The request field at fault, or null. */
  public String param() {
    return param;
  }

  /** The structured body: {@code {"v","code","status","message","param"}}. */
  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
            .put("code", code)
            .put("status", status)
            .put("message", getMessage());
    if (param != null) {
      json.put("param", param);
    }
    return json;
  }

  public static SynthesisFailure fromJson(JsonObject json) {
    String code = json.getString("code", ErrorCode.INTERNAL_ERROR.id());
    int fallback = ErrorCode.of(code).map(ErrorCode::status).orElse(500);
    return new SynthesisFailure(
        code,
        json.getInteger("status", fallback),
        json.getString("message", code),
        json.getString("param"));
  }

  @Override
  public String toString() {
    return "SynthesisFailure[" + code + ", " + status + "]: " + getMessage();
  }
}
