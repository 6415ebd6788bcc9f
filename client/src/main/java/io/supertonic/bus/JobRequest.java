package io.supertonic.bus;

import io.vertx.core.json.JsonObject;

/**
 * A synthesis request as sent to {@link Addresses#SYNTH} or a worker's own address: what to
 * synthesize plus where the audio goes. The JSON is flat: the {@link SynthesisRequest} fields, then
 * {@code stream}, {@code credits}, {@code chunk_encoding} and {@code v}.
 *
 * @param stream the address the client registered for this job's audio and terminal message
 * @param credits chunks the worker may send before the client returns a credit (at least 1; missing
 *     means 1)
 * @param chunkEncoding {@value SynthesisProtocol#CHUNK_ENCODING_BINARY} (default) or {@value
 *     SynthesisProtocol#CHUNK_ENCODING_BASE64}
 * @param version the sender's protocol version; null for a client from before versioning (which
 *     sends no keep-alives)
 */
public record JobRequest(
    SynthesisRequest request, String stream, int credits, String chunkEncoding, String version) {

  /** A request of this protocol version. */
  public JobRequest(SynthesisRequest request, String stream, int credits, String chunkEncoding) {
    this(request, stream, credits, chunkEncoding, SynthesisProtocol.VERSION);
  }

  public JobRequest {
    credits = Math.max(1, credits);
    chunkEncoding = chunkEncoding == null ? SynthesisProtocol.CHUNK_ENCODING_BINARY : chunkEncoding;
  }

  public boolean base64Chunks() {
    return SynthesisProtocol.CHUNK_ENCODING_BASE64.equals(chunkEncoding);
  }

  public JsonObject toJson() {
    JsonObject json = request.toJson();
    // Absent optional fields stay absent rather than null: lean messages for bridge clients.
    json.getMap().values().removeIf(java.util.Objects::isNull);
    if (version != null) {
      json.put(SynthesisProtocol.FIELD_VERSION, version);
    }
    return json.put("stream", stream).put("credits", credits).put("chunk_encoding", chunkEncoding);
  }

  /**
   * Reads a request; only {@code text} and {@code stream} are required, which the worker checks.
   *
   * @throws SynthesisFailure {@code invalid_request} when a field has the wrong type
   */
  public static JobRequest fromJson(JsonObject json) {
    try {
      return new JobRequest(
          SynthesisRequest.fromJson(json),
          json.getString("stream"),
          json.getInteger("credits", 1),
          json.getString("chunk_encoding"),
          json.getString(SynthesisProtocol.FIELD_VERSION));
    } catch (ClassCastException e) {
      throw new SynthesisFailure(
          ErrorCode.INVALID_REQUEST, "a request field has the wrong type: " + e.getMessage());
    }
  }
}
