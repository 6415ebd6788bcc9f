package io.supertonic.library;

import io.supertonic.engine.text.Lexicon;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole user library of a node, as handed to a node that joins: lexicons by language and
 * run-time voices (style JSON) by id.
 */
public record LibrarySnapshot(Map<String, Lexicon> lexicons, Map<String, JsonObject> voices) {

  public JsonObject toJson() {
    JsonObject byLang = new JsonObject();
    lexicons.forEach((lang, lexicon) -> byLang.put(lang, lexicon.toJson()));
    JsonObject byId = new JsonObject();
    voices.forEach(byId::put);
    return new JsonObject().put("lexicons", byLang).put("voices", byId);
  }

  public static LibrarySnapshot fromJson(JsonObject j) {
    Map<String, Lexicon> lexicons = new TreeMap<>();
    JsonObject byLang = j.getJsonObject("lexicons", new JsonObject());
    for (String lang : byLang.fieldNames()) {
      lexicons.put(lang, Lexicon.fromJson(byLang.getJsonObject(lang)));
    }
    Map<String, JsonObject> voices = new TreeMap<>();
    JsonObject byId = j.getJsonObject("voices", new JsonObject());
    for (String id : byId.fieldNames()) {
      voices.put(id, byId.getJsonObject(id));
    }
    return new LibrarySnapshot(lexicons, voices);
  }
}
