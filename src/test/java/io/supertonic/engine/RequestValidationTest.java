package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start() refuses bad requests before any inference, naming the field and the valid values. */
class RequestValidationTest {
  @TempDir static Path tmp;
  static SupertonicEngine engine;

  @BeforeAll
  static void load() throws Exception {
    engine = TinyModelFixture.load(TinyModelFixture.write(tmp));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void unknownVoiceListsTheVoices() {
    InvalidRequestException e = refuse(new SynthesisParams("Hi.", "alloy", "en", 1.0, 4, 1));
    assertEquals("voice", e.param());
    assertEquals("invalid_voice", e.code());
    assertTrue(e.getMessage().contains("F1, F2, F3, F4, F5, M1, M2, M3, M4, M5"), e.getMessage());
  }

  @Test
  void unknownLanguageListsTheLanguages() {
    InvalidRequestException e = refuse(new SynthesisParams("Hi.", "F1", "xx", 1.0, 4, 1));
    assertEquals("lang", e.param());
    assertTrue(e.getMessage().contains("en, ko, ja"), e.getMessage());
  }

  @Test
  void speedOutsideTheModelRangeIsRefused() {
    assertEquals("speed", refuse(new SynthesisParams("Hi.", "F1", "en", 0.49, 4, 1)).param());
    assertEquals("speed", refuse(new SynthesisParams("Hi.", "F1", "en", 2.01, 4, 1)).param());
    InvalidRequestException e = refuse(new SynthesisParams("Hi.", "F1", "en", Double.NaN, 4, 1));
    assertTrue(e.getMessage().contains("between 0.5 and 2.0"), e.getMessage());
  }

  @Test
  void stepsOutsideTheRangeAreRefused() {
    InvalidRequestException e = refuse(new SynthesisParams("Hi.", "F1", "en", 1.0, 0, 1));
    assertEquals("total_steps", e.param());
    assertTrue(e.getMessage().contains("between 1 and 50"), e.getMessage());
    assertEquals("total_steps", refuse(new SynthesisParams("Hi.", "F1", "en", 1.0, 51, 1)).param());
  }

  @Test
  void emptyTextIsRefusedByThePipeline() {
    assertEquals("input", refuse(new SynthesisParams("   ", "F1", "en", 1.0, 4, 1)).param());
  }

  @Test
  void boundaryValuesAreAccepted() {
    assertTrue(
        engine.start(new SynthesisParams("Edge.", "M5", "ko", 2.0, 1, 1)).next().pcm().length > 0);
    assertTrue(
        engine.start(new SynthesisParams("Edge.", "F5", "na", 0.5, 50, 1)).next().pcm().length > 0);
  }

  private static InvalidRequestException refuse(SynthesisParams params) {
    return assertThrows(InvalidRequestException.class, () -> engine.start(params));
  }
}
