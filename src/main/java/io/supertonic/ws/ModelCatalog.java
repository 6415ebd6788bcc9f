package io.supertonic.ws;

import io.supertonic.engine.VoiceAliases;
import io.supertonic.engine.text.LanguageGuesser;
import io.supertonic.text.SafeText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the synthesis worker offers (its ping reply): lets the session check voice and language when
 * the client configures them instead of only when it flushes. Empty when no worker answered; then
 * checks are left to the worker.
 */
record ModelCatalog(
    int sampleRate, List<String> voices, List<String> languages, VoiceAliases aliases) {

  /** With the shipped OpenAI aliases. */
  ModelCatalog(int sampleRate, List<String> voices, List<String> languages) {
    this(sampleRate, voices, languages, VoiceAliases.defaults());
  }

  static ModelCatalog unknown(int fallbackSampleRate) {
    return new ModelCatalog(fallbackSampleRate, List.of(), List.of());
  }

  /**
   * @param aliases the server's configured aliases ({@code voice_aliases}), the ones HTTP and the
   *     worker resolve with
   */
  static ModelCatalog fromPing(JsonObject ping, int fallbackSampleRate, VoiceAliases aliases) {
    return new ModelCatalog(
        ping.getInteger("sample_rate", fallbackSampleRate),
        strings(ping.getJsonArray("voices")),
        strings(ping.getJsonArray("languages")),
        aliases);
  }

  private static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }

  /**
   * Throws when the catalog is known and the voice is neither native nor an alias of a native
   * voice.
   */
  void checkVoice(String voice) {
    if (voices.isEmpty()) {
      return;
    }
    Optional<String> resolved = aliases.resolveVoice(voice, voices);
    if (resolved.isEmpty()) {
      throw new WsProtocolException(
          "config.voice: unknown voice '"
              + SafeText.of(voice)
              + "'. Valid voices: "
              + String.join(", ", voices)
              + ", or an alias: "
              + String.join(", ", aliases.all().keySet()));
    }
  }

  void checkLang(String lang) {
    if (languages.isEmpty()) {
      return;
    }
    if (!languages.contains(lang.toLowerCase(Locale.ROOT))
        && !LanguageGuesser.AUTO.equalsIgnoreCase(lang)) {
      throw new WsProtocolException(
          "config.lang: unknown language '"
              + SafeText.of(lang)
              + "'. Valid languages: "
              + String.join(", ", languages));
    }
  }
}
