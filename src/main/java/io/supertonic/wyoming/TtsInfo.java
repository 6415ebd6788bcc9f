package io.supertonic.wyoming;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code info} event's data for a worker's model: one TTS program whose voices each speak every
 * language of the model, with streaming synthesis advertised (Home Assistant streams LLM answers
 * only to programs that say so).
 */
final class TtsInfo {
  static final String PROGRAM = "supertonic";
  static final String SERVER_VERSION = "0.1.0";

  private TtsInfo() {}

  /**
   * @param workerInfo the worker's ping reply: {@code model}, {@code voices}, {@code languages}
   */
  static JsonObject fromWorker(JsonObject workerInfo) {
    String model = workerInfo.getString("model", "supertonic");
    JsonObject attribution =
        new JsonObject()
            .put("name", "Supertone")
            .put("url", "https://huggingface.co/Supertone/" + model);
    JsonArray languages = workerInfo.getJsonArray("languages", new JsonArray());
    JsonArray voices = new JsonArray();
    for (Object voice : workerInfo.getJsonArray("voices", new JsonArray())) {
      voices.add(
          new JsonObject()
              .put("name", String.valueOf(voice))
              .put("description", "Supertonic voice " + voice)
              .put("attribution", attribution)
              .put("installed", true)
              .put("version", null)
              .put("languages", languages.copy()));
    }
    JsonObject program =
        new JsonObject()
            .put("name", PROGRAM)
            .put("description", "Supertonic text to speech (" + model + ")")
            .put("attribution", attribution)
            .put("installed", true)
            .put("version", SERVER_VERSION)
            .put("voices", voices)
            .put("supports_synthesize_streaming", true);
    return new JsonObject()
        .put("asr", new JsonArray())
        .put("tts", new JsonArray().add(program))
        .put("handle", new JsonArray())
        .put("intent", new JsonArray())
        .put("wake", new JsonArray())
        .put("mic", new JsonArray())
        .put("snd", new JsonArray());
  }
}
