package io.supertonic.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A worker's advertisement (published on {@link Addresses#WORKERS}) and its ping reply.
 *
 * @param worker the worker id; requests for it go to {@code supertonic.synth.<worker>}
 * @param node the process it runs in ({@code pid@host})
 * @param device the execution providers in use, e.g. {@code [CUDAExecutionProvider, CPU...]}
 * @param slots syntheses it runs at once ({@code --max-concurrent})
 * @param active syntheses running now
 * @param queued admitted jobs waiting for a slot
 * @param maxQueue its queue bound ({@code --max-queue})
 * @param draining shutting down: takes no new jobs
 */
public record WorkerInfo(
    String worker,
    String node,
    String model,
    List<String> device,
    int sampleRate,
    List<String> languages,
    List<String> voices,
    int slots,
    int active,
    int queued,
    int maxQueue,
    boolean draining) {

  public WorkerInfo {
    device = device == null ? List.of() : List.copyOf(device);
    languages = languages == null ? List.of() : List.copyOf(languages);
    voices = voices == null ? List.of() : List.copyOf(voices);
  }

  /** Slots free right now. */
  public int freeSlots() {
    return Math.max(0, slots - active);
  }

  /** Jobs it can still admit (free slots plus free queue places). */
  public int room() {
    return Math.max(0, slots + maxQueue - active - queued);
  }

  public String address() {
    return Addresses.synthWorker(worker);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put(SynthesisProtocol.FIELD_VERSION, SynthesisProtocol.VERSION)
        .put("worker", worker)
        .put("node", node)
        .put("address", address())
        .put("model", model)
        .put("device", new JsonArray(device))
        // Kept for clients of the first ping reply, which named the device list this way.
        .put("providers", new JsonArray(device))
        .put("sample_rate", sampleRate)
        .put("languages", new JsonArray(languages))
        .put("voices", new JsonArray(voices))
        .put("max_concurrent", slots)
        .put("active", active)
        .put("running", active)
        .put("queued", queued)
        .put("max_queue", maxQueue)
        .put("draining", draining);
  }

  public static WorkerInfo fromJson(JsonObject json) {
    return new WorkerInfo(
        json.getString("worker"),
        json.getString("node"),
        json.getString("model"),
        strings(json.getJsonArray("device", json.getJsonArray("providers"))),
        json.getInteger("sample_rate", 0),
        strings(json.getJsonArray("languages")),
        strings(json.getJsonArray("voices")),
        json.getInteger("max_concurrent", 1),
        json.getInteger("active", json.getInteger("running", 0)),
        json.getInteger("queued", 0),
        json.getInteger("max_queue", 0),
        json.getBoolean("draining", false));
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
