package io.supertonic.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamingResamplerTest {

  @ParameterizedTest
  @CsvSource({
    "44100, 24000, 44100",
    "44100, 16000, 12345",
    "44100, 8000, 999",
    "44100, 22050, 44101",
    "44100, 48000, 7",
    "24000, 44100, 30000",
    "44100, 16000, 0",
    "44100, 16000, 1",
    "44100, 44099, 4410"
  })
  void outputLengthIsTheRoundedRatio(int from, int to, int length) {
    short[] out = resampleWhole(from, to, Signals.sine(440, from, length, 8000));
    assertEquals(Math.round((double) length * to / from), out.length);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 22050, 24000, 48000})
  void oneKilohertzStaysOneKilohertzAtItsLevel(int to) {
    short[] input = Signals.sine(1000, 44100, 44100, 10000);
    short[] out = resampleWhole(44100, to, input);
    int from = to / 20;
    int until = out.length - to / 20;
    assertEquals(1000, Signals.zeroCrossingFrequency(out, from, until, to), 1.0);
    double expectedRms = 10000 / Math.sqrt(2);
    assertEquals(expectedRms, Signals.rms(out, from, until), expectedRms * 0.01);
  }

  @ParameterizedTest
  @CsvSource({
    "44100, 16000, 20000",
    "44100, 24000, 20000",
    "44100, 48000, 20000",
    "16000, 44100, 20000",
    // a ratio too fine to tabulate: the taps are computed per sample, which is slow
    "44100, 44099, 3000"
  })
  void chunkedEqualsWhole(int from, int to, int length) {
    Random random = new Random(42);
    short[] input = new short[length];
    for (int i = 0; i < input.length; i++) {
      input[i] = (short) (random.nextGaussian() * 6000);
    }
    short[] whole = resampleWhole(from, to, input);

    StreamingResampler chunked = new StreamingResampler(from, to);
    short[] out = new short[0];
    int at = 0;
    while (at < input.length) {
      // Sizes from 0 (empty chunk) up to larger than the filter, to cross every boundary case.
      int size = Math.min(random.nextInt(700), input.length - at);
      short[] chunk = new short[size];
      System.arraycopy(input, at, chunk, 0, size);
      out = Signals.concat(out, chunked.process(chunk));
      at += size;
    }
    out = Signals.concat(out, chunked.flush());
    assertArrayEquals(whole, out);
  }

  @Test
  void noJumpsAtChunkBoundaries() {
    // 40 ms chunks, as the engine delivers them; a click would show as a step far above the
    // steepest slope of the sine itself.
    int to = 16000;
    short[] input = Signals.sine(500, 44100, 44100, 16000);
    StreamingResampler resampler = new StreamingResampler(44100, to);
    short[] out = new short[0];
    for (int at = 0; at < input.length; at += 1764) {
      short[] chunk = new short[Math.min(1764, input.length - at)];
      System.arraycopy(input, at, chunk, 0, chunk.length);
      out = Signals.concat(out, resampler.process(chunk));
    }
    out = Signals.concat(out, resampler.flush());
    double maxSlope = 2 * Math.PI * 500 * 16000 / to;
    for (int i = 200; i < out.length - 200; i++) {
      int step = Math.abs(out[i] - out[i - 1]);
      assertTrue(step <= maxSlope * 1.05 + 2, "step of " + step + " at output sample " + i);
    }
  }

  @Test
  void tenKilohertzToneIsFilteredOutAt16k() {
    short[] input = Signals.sine(10000, 44100, 44100, 16000);
    short[] out = resampleWhole(44100, 16000, input);
    // Without the low-pass it would fold back to 6 kHz at full level (about 11300 RMS).
    double rms = Signals.rms(out, 1000, out.length - 1000);
    assertTrue(rms < 11300 * 0.001, "aliased 10 kHz tone left " + rms + " RMS");
  }

  @Test
  void sameRateIsIdentity() {
    StreamingResampler resampler = new StreamingResampler(44100, 44100);
    short[] input = {1, 2, 3, -4};
    short[] out = resampler.process(input);
    assertTrue(resampler.isIdentity());
    assertArrayEquals(input, out);
    assertNotSame(input, out);
    assertEquals(0, resampler.flush().length);
  }

  @Test
  void flushEndsTheStream() {
    StreamingResampler resampler = new StreamingResampler(44100, 16000);
    resampler.process(new short[1000]);
    resampler.flush();
    assertEquals(0, resampler.flush().length);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> resampler.process(new short[1]));
    assertTrue(e.getMessage().contains("flushed"), e.getMessage());
  }

  @Test
  void rejectsNonPositiveRates() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new StreamingResampler(44100, 0));
    assertTrue(e.getMessage().contains("44100 -> 0"), e.getMessage());
  }

  @Test
  void fullScaleInputDoesNotWrapAround() {
    short[] square = new short[4410];
    for (int i = 0; i < square.length; i++) {
      square[i] = (i / 50) % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
    }
    // Gibbs overshoot exceeds full scale; it must clip, not flip sign.
    short[] out = resampleWhole(44100, 16000, square);
    for (int i = 100; i < out.length - 100; i++) {
      int phase = (int) ((long) i * 44100 / 16000 / 50) % 2;
      int centre = (int) ((long) i * 44100 / 16000) % 50;
      if (centre > 10 && centre < 40) {
        assertTrue(phase == 0 ? out[i] > 20000 : out[i] < -20000, "wrapped at sample " + i);
      }
    }
  }

  private static short[] resampleWhole(int from, int to, short[] input) {
    StreamingResampler resampler = new StreamingResampler(from, to);
    return Signals.concat(resampler.process(input), resampler.flush());
  }
}
