package io.supertonic.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** OpenAI voice names mapped onto Supertonic presets, so OpenAI clients work unchanged. */
public final class VoiceAliases {
  private static final Map<String, String> OPENAI = openAiAliases();

  private VoiceAliases() {}

  private static Map<String, String> openAiAliases() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("alloy", "F1");
    m.put("ash", "M1");
    m.put("ballad", "M2");
    m.put("cedar", "M3");
    m.put("coral", "F2");
    m.put("echo", "M4");
    m.put("fable", "M5");
    m.put("marin", "F3");
    m.put("nova", "F4");
    m.put("onyx", "M1");
    m.put("sage", "F5");
    m.put("shimmer", "F2");
    m.put("verse", "F1");
    return Collections.unmodifiableMap(m);
  }

  /** alias (lower case) to native voice id, in a stable order. */
  public static Map<String, String> openAi() {
    return OPENAI;
  }

  /**
   * Resolves a requested voice case-insensitively against the aliases and the model's own voices. A
   * blend ({@code alloy+onyx}, {@code F1:0.7+M2:0.3}) resolves part by part to its canonical form.
   *
   * @param nativeVoices the loaded voice ids (F1..M5 plus any extra styles)
   */
  public static Optional<String> resolve(String requested, Iterable<String> nativeVoices) {
    if (requested == null) {
      return Optional.empty();
    }
    if (VoiceBlend.isBlend(requested)) {
      return VoiceBlend.parse(requested, part -> resolveOne(part, nativeVoices))
          .map(VoiceBlend::canonical);
    }
    return resolveOne(requested, nativeVoices);
  }

  private static Optional<String> resolveOne(String requested, Iterable<String> nativeVoices) {
    String wanted = requested.trim();
    for (String id : nativeVoices) {
      if (id.equalsIgnoreCase(wanted)) {
        return Optional.of(id);
      }
    }
    return Optional.ofNullable(OPENAI.get(wanted.toLowerCase(Locale.ROOT)));
  }
}
