package io.supertonic.library;

import io.supertonic.engine.text.Lexicon;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/** The whole user library of a node, as handed to a node that joins. */
public record LibrarySnapshot(Map<String, Lexicon> lexicons) {

  public JsonObject toJson() {
    JsonObject byLang = new JsonObject();
    lexicons.forEach((lang, lexicon) -> byLang.put(lang, lexicon.toJson()));
    return new JsonObject().put("lexicons", byLang);
  }

  public static LibrarySnapshot fromJson(JsonObject j) {
    Map<String, Lexicon> lexicons = new TreeMap<>();
    JsonObject byLang = j.getJsonObject("lexicons", new JsonObject());
    for (String lang : byLang.fieldNames()) {
      lexicons.put(lang, Lexicon.fromJson(byLang.getJsonObject(lang)));
    }
    return new LibrarySnapshot(lexicons);
  }
}
