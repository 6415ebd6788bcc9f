package io.supertonic.wyoming;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The {@code info} event's data for a worker's model: one TTS program with streaming synthesis
 * advertised (Home Assistant streams LLM answers only to programs that say so), and one voice per
 * model voice and language, named {@code VOICE@LANG} ({@code F1@de}).
 *
 * <p>Why per language: Home Assistant sends only the chosen voice's name, never the pipeline's
 * language, and the model needs the language of the text. It offers, for each language, the voices
 * that list it, so a German assistant offers {@code F1@de} … and the name carries the language.
 */
final class TtsInfo {
  static final String PROGRAM = "supertonic";
  static final String SERVER_VERSION = "0.1.0";

  /** Supertonic's "no particular language" code: no locale a voice assistant would pick. */
  private static final String NO_LANGUAGE = "na";

  /** Between the voice and the language in an advertised voice name; never part of a voice id. */
  static final char LANGUAGE_SEPARATOR = '@';

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
      for (Object lang : languages) {
        if (NO_LANGUAGE.equals(lang)) {
          continue;
        }
        voices.add(
            new JsonObject()
                .put("name", String.valueOf(voice) + LANGUAGE_SEPARATOR + lang)
                .put("description", voice + " (" + lang + ")")
                .put("attribution", attribution)
                .put("installed", true)
                .put("version", null)
                .put("languages", new JsonArray().add(lang)));
      }
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
