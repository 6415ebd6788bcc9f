package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Voice blends: parsing, canonical names, and synthesis through mixed style tensors. */
class VoiceBlendTest {
  static final List<String> VOICES =
      List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5");

  @TempDir Path dir;

  @Test
  void partsAreResolvedAndWeightsNormalised() {
    assertEquals(Optional.of("F1:0.5+M2:0.5"), VoiceAliases.resolve("F1+m2", VOICES));
    assertEquals(Optional.of("F1:0.75+M1:0.25"), VoiceAliases.resolve("alloy:3 + onyx:1", VOICES));
    assertEquals(
        Optional.of("F2:0.333+F3:0.333+M4:0.333"),
        VoiceAliases.resolve("coral+marin+echo", VOICES));
    assertEquals(Optional.of("F1"), VoiceAliases.resolve("F1:2", VOICES));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "F1+X9",
        "F1:-1+M2",
        "F1:0+M2",
        "F1:abc",
        "F1+",
        "+M2",
        "F1:1:2",
        "F1:1d+M2",
        "F1:0x1p3+M2",
        "F1:1e3+M2",
        "F1:Infinity+M2",
        "F1:NaN+M2",
        "F1:+1+M2",
        "F1:1.+M2",
        "F1+F2+F3+F4+F5+M1+M2+M3+M4"
      })
  void malformedBlendsAreUnknownVoices(String spec) {
    assertEquals(Optional.empty(), VoiceAliases.resolve(spec, VOICES));
  }

  @Test
  void aBlendSynthesizesBetweenItsVoicesAndAnEvenBlendOfOneVoiceIsThatVoice() throws Exception {
    try (SupertonicEngine engine = TinyModelFixture.load(TinyModelFixture.write(dir))) {
      short[] f1 =
          TinyModelFixture.synthesize(engine, TinyModelFixture.params("A blended voice.", "F1", 9));
      short[] m2 =
          TinyModelFixture.synthesize(engine, TinyModelFixture.params("A blended voice.", "M2", 9));
      short[] mix =
          TinyModelFixture.synthesize(
              engine, TinyModelFixture.params("A blended voice.", "F1:0.5+M2:0.5", 9));
      short[] again =
          TinyModelFixture.synthesize(
              engine, TinyModelFixture.params("A blended voice.", "F1:0.5+M2:0.5", 9));
      assertArrayEquals(mix, again, "deterministic for a seed");
      assertFalse(Arrays.equals(mix, f1));
      assertFalse(Arrays.equals(mix, m2));
      short[] selfBlend =
          TinyModelFixture.synthesize(
              engine, TinyModelFixture.params("A blended voice.", "F1:0.5+F1:0.5", 9));
      assertArrayEquals(f1, selfBlend, "mixing a voice with itself changes nothing");
      InvalidRequestException e =
          assertThrows(
              InvalidRequestException.class,
              () -> engine.start(TinyModelFixture.params("x", "F1+Q7", 1)));
      assertEquals("voice", e.param());
      assertTrue(e.getMessage().contains("F1+M2"), e.getMessage());
    }
  }
}
