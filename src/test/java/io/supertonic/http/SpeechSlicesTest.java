package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.supertonic.audio.Signals;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How a chunk's samples are cut into the slices that are encoded and written one by one. */
class SpeechSlicesTest {

  private static short[] ramp(int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) i;
    }
    return s;
  }

  @Test
  void aShortFirstSliceThenFullOnesCoverTheChunkInOrder() {
    short[] chunk = ramp(20_000);
    List<short[]> parts =
        SpeechStreamWriter.slices(
            chunk, SpeechStreamWriter.FIRST_SLICE_SAMPLES, SpeechStreamWriter.SLICE_SAMPLES);
    assertEquals(SpeechStreamWriter.FIRST_SLICE_SAMPLES, parts.get(0).length);
    IntStream.range(1, parts.size() - 1)
        .forEach(i -> assertEquals(SpeechStreamWriter.SLICE_SAMPLES, parts.get(i).length));
    assertEquals(
        (20_000 - SpeechStreamWriter.FIRST_SLICE_SAMPLES) % SpeechStreamWriter.SLICE_SAMPLES,
        parts.get(parts.size() - 1).length);
    assertArrayEquals(chunk, Signals.concat(parts.toArray(short[][]::new)));
  }

  @Test
  void aChunkNoLongerThanTheFirstSliceStaysWhole() {
    short[] chunk = ramp(SpeechStreamWriter.FIRST_SLICE_SAMPLES);
    List<short[]> parts = SpeechStreamWriter.slices(chunk, chunk.length, 4608);
    assertEquals(1, parts.size());
    assertArrayEquals(chunk, parts.get(0));
  }
}
