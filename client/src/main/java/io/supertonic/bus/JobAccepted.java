package io.supertonic.bus;

import io.vertx.core.json.JsonObject;

/**
 * The worker's reply to an admitted {@link JobRequest}.
 *
 * @param job the job id
 * @param control where the client sends {@link ControlMessage}s (credit, cancel, keep-alive)
 * @param worker the id of the worker that runs the job
 * @param voice the voice actually used (aliases resolved)
 * @param lang the language actually used ({@code auto} resolved)
 * @param sampleRate Hz of the PCM chunks
 * @param seed the seed used (the random one when the request named none)
 * @param queued the job's place in the worker's queue when admitted: 0 = started at once, n = n-1
 *     jobs wait ahead of it
 */
public record JobAccepted(
    String job,
    String control,
    String worker,
    String voice,
    String lang,
    int sampleRate,
    long seed,
    int queued) {

  public JsonObject toJson() {
    return new JsonObject()
        .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
        .put("job", job)
        .put("control", control)
        .put("worker", worker)
        .put("voice", voice)
        .put("lang", lang)
        .put("sample_rate", sampleRate)
        .put("seed", seed)
        .put("queued", queued);
  }

  public static JobAccepted fromJson(JsonObject json) {
    return new JobAccepted(
        json.getString("job"),
        json.getString("control"),
        json.getString("worker"),
        json.getString("voice"),
        json.getString("lang"),
        json.getInteger("sample_rate", 0),
        json.getLong("seed", 0L),
        json.getInteger("queued", 0));
  }
}
