package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VoiceAliasesTest {
  private static final List<String> VOICES =
      List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5");

  @Test
  void overridesReplaceOpenAiNamesAndAddNewOnesIncludingBlends() {
    VoiceAliases aliases =
        VoiceAliases.withOverrides(Map.of("Alloy", "M3", "narrator", "F1:0.7+M2:0.3"));
    assertEquals(Optional.of("M3"), aliases.resolveVoice("alloy", VOICES));
    assertEquals(Optional.of("F1:0.7+M2:0.3"), aliases.resolveVoice("NARRATOR", VOICES));
    assertEquals(Optional.of("F4"), aliases.resolveVoice("nova", VOICES), "others unchanged");
    assertEquals(Optional.of("M3"), aliases.resolveVoice("m3", VOICES), "natives still work");
    assertEquals(Optional.of("M3:0.5+F4:0.5"), aliases.resolveVoice("alloy+nova", VOICES));
    assertEquals(Optional.empty(), aliases.resolveVoice("narrator+F1", VOICES), "no nested blends");
    assertEquals(Optional.of("F1"), VoiceAliases.resolve("alloy", VOICES), "defaults untouched");
    assertTrue(aliases.all().containsKey("narrator"));
  }

  @Test
  void badAliasesAreRefusedWithTheirName() {
    IllegalArgumentException name =
        assertThrows(
            IllegalArgumentException.class, () -> VoiceAliases.withOverrides(Map.of("a+b", "F1")));
    assertTrue(name.getMessage().contains("a+b"), name.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> VoiceAliases.withOverrides(Map.of("x", "F1:-1+M1")));
    VoiceAliases unknown = VoiceAliases.withOverrides(Map.of("alloy", "Z9"));
    assertEquals(List.of("alloy=Z9"), unknown.unresolvable(VOICES));
  }
}
