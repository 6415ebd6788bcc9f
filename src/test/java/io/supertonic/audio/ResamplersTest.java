package io.supertonic.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Streams that share one filter table still keep their own state, and resample as before. */
class ResamplersTest {

  @Test
  void interleavedStreamsSharingAFilterMatchStandaloneResamplers() {
    Resamplers resamplers = new Resamplers();
    short[] a = Signals.sine(440, 44100, 30_000, 8000);
    short[] b = noise(30_000);
    StreamingResampler sharedA = resamplers.create(44100, 24000);
    StreamingResampler sharedB = resamplers.create(44100, 24000);
    StreamingResampler aloneA = new StreamingResampler(44100, 24000);
    StreamingResampler aloneB = new StreamingResampler(44100, 24000);
    short[] outSharedA = new short[0];
    short[] outSharedB = new short[0];
    short[] outAloneA = new short[0];
    short[] outAloneB = new short[0];
    // Uneven chunks, alternating between the two streams.
    int[] sizes = {4608, 100, 7000, 1, 4608, 13_683};
    int from = 0;
    for (int size : sizes) {
      short[] ca = java.util.Arrays.copyOfRange(a, from, from + size);
      short[] cb = java.util.Arrays.copyOfRange(b, from, from + size);
      outSharedA = Signals.concat(outSharedA, sharedA.process(ca));
      outSharedB = Signals.concat(outSharedB, sharedB.process(cb));
      outAloneA = Signals.concat(outAloneA, aloneA.process(ca));
      outAloneB = Signals.concat(outAloneB, aloneB.process(cb));
      from += size;
    }
    outSharedA = Signals.concat(outSharedA, sharedA.flush());
    outSharedB = Signals.concat(outSharedB, sharedB.flush());
    outAloneA = Signals.concat(outAloneA, aloneA.flush());
    outAloneB = Signals.concat(outAloneB, aloneB.flush());
    assertArrayEquals(outAloneA, outSharedA);
    assertArrayEquals(outAloneB, outSharedB);
  }

  @Test
  void keepsABoundedNumberOfSmallTables() {
    Resamplers resamplers = new Resamplers();
    resamplers.create(44100, 24000);
    resamplers.create(44100, 24000);
    assertEquals(1, resamplers.sharedPairs());
    resamplers.create(44100, 44100); // no filter at all
    assertEquals(1, resamplers.sharedPairs());
    // A client may ask for any rate: odd ones have big tables and are not kept.
    resamplers.create(44100, 44099);
    resamplers.create(44100, 47999);
    assertEquals(1, resamplers.sharedPairs());
    for (int rate = 8000; rate < 48000; rate += 1000) {
      resamplers.create(44100, rate).process(Signals.sine(440, 44100, 500, 8000));
    }
    assertTrue(
        resamplers.sharedPairs() <= Resamplers.MAX_SHARED_PAIRS,
        "kept " + resamplers.sharedPairs());
  }

  private static short[] noise(int length) {
    Random random = new Random(7);
    short[] out = new short[length];
    for (int i = 0; i < length; i++) {
      out[i] = (short) (random.nextGaussian() * 4000);
    }
    return out;
  }
}
