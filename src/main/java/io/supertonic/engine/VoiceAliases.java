package io.supertonic.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI voice names mapped onto Supertonic presets, so OpenAI clients work unchanged. The mapping
 * is configurable ({@code --voice-alias alloy=M3}, {@code "voice_aliases"} in the config file), and
 * an alias may name a blend ({@code nova=F1:0.7+M2:0.3}), so clients that only know OpenAI's names
 * (Pipecat, Home Assistant) can reach every preset and blend.
 */
public final class VoiceAliases {
  private static final Map<String, String> OPENAI = openAiAliases();
  private static final VoiceAliases DEFAULTS = new VoiceAliases(OPENAI);
  private static final java.util.regex.Pattern NAME =
      java.util.regex.Pattern.compile("[a-z0-9_.-]+");

  private final Map<String, String> aliases;

  private VoiceAliases(Map<String, String> aliases) {
    this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(aliases));
  }

  /** OpenAI's names as shipped. */
  public static VoiceAliases defaults() {
    return DEFAULTS;
  }

  /**
   * The shipped aliases with {@code overrides} (alias to voice or blend) replacing or adding names.
   *
   * @throws IllegalArgumentException for an alias name or target that cannot be a voice
   */
  public static VoiceAliases withOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(OPENAI);
    if (overrides != null) {
      overrides.forEach(
          (alias, target) -> {
            String name = alias == null ? "" : alias.trim().toLowerCase(Locale.ROOT);
            if (!NAME.matcher(name).matches() || name.contains("+") || name.contains(":")) {
              throw new IllegalArgumentException(
                  "voice alias name '" + alias + "' must be letters, digits, '.', '_' or '-'");
            }
            if (target == null
                || target.isBlank()
                || VoiceBlend.isBlend(target) && VoiceBlend.parse(target, Optional::of).isEmpty()) {
              throw new IllegalArgumentException(
                  "voice alias "
                      + alias
                      + "="
                      + target
                      + ": the target must be a voice or a blend"
                      + " such as F1:0.7+M2:0.3");
            }
            merged.put(name, target.trim());
          });
    }
    return new VoiceAliases(merged);
  }

  /** From the server config's {@code voice_aliases} object (absent: the defaults). */
  public static VoiceAliases fromJson(io.vertx.core.json.JsonObject json) {
    if (json == null || json.isEmpty()) {
      return DEFAULTS;
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    json.forEach(e -> overrides.put(e.getKey(), String.valueOf(e.getValue())));
    return withOverrides(overrides);
  }

  /** alias (lower case) to voice or blend, in a stable order. */
  public Map<String, String> all() {
    return aliases;
  }

  /**
   * Resolves a voice as {@link #resolve(String, Iterable)} does, with these aliases. An alias whose
   * target is a blend resolves to the blend's canonical form.
   */
  public Optional<String> resolveVoice(String requested, Iterable<String> nativeVoices) {
    if (requested == null) {
      return Optional.empty();
    }
    String target = aliases.get(requested.trim().toLowerCase(Locale.ROOT));
    if (target != null && VoiceBlend.isBlend(target)) {
      return VoiceBlend.parse(target, part -> resolveNative(part, nativeVoices))
          .map(VoiceBlend::canonical);
    }
    if (VoiceBlend.isBlend(requested)) {
      return VoiceBlend.parse(requested, part -> resolveOne(part, nativeVoices))
          .map(VoiceBlend::canonical);
    }
    return resolveOne(requested, nativeVoices);
  }

  /** The targets that name no loaded voice, to refuse a bad configuration at start. */
  public java.util.List<String> unresolvable(Iterable<String> nativeVoices) {
    java.util.List<String> bad = new java.util.ArrayList<>();
    aliases.forEach(
        (alias, target) -> {
          if (resolveVoice(alias, nativeVoices).isEmpty()) {
            bad.add(alias + "=" + target);
          }
        });
    return bad;
  }

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

  /** OpenAI's alias names (lower case) to their shipped voice id, in a stable order. */
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
    return DEFAULTS.resolveVoice(requested, nativeVoices);
  }

  private Optional<String> resolveOne(String requested, Iterable<String> nativeVoices) {
    Optional<String> direct = resolveNative(requested, nativeVoices);
    if (direct.isPresent()) {
      return direct;
    }
    String target = aliases.get(requested.trim().toLowerCase(Locale.ROOT));
    // Inside a blend an alias must name one voice: blends of blends are not a thing.
    return target == null || VoiceBlend.isBlend(target)
        ? Optional.empty()
        : resolveNative(target, nativeVoices);
  }

  private static Optional<String> resolveNative(String requested, Iterable<String> nativeVoices) {
    String wanted = requested.trim();
    for (String id : nativeVoices) {
      if (id.equalsIgnoreCase(wanted)) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }
}
