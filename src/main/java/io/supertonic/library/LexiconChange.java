package io.supertonic.library;

import io.supertonic.engine.text.Lexicon;
import io.vertx.core.json.JsonObject;

/** One language's lexicon replaced, or removed when {@code lexicon} is null. */
public record LexiconChange(String lang, Lexicon lexicon) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("lang", lang)
        .put("lexicon", lexicon == null ? null : lexicon.toJson());
  }

  public static LexiconChange fromJson(JsonObject j) {
    JsonObject lexicon = j.getJsonObject("lexicon");
    return new LexiconChange(
        j.getString("lang"), lexicon == null ? null : Lexicon.fromJson(lexicon));
  }
}
