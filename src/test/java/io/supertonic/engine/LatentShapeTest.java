package io.supertonic.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatentShapeTest {
  private final ModelConfig config = new ModelConfig(44100, 512, 6, 24);

  @Test
  void configDerivesChannelsAndFrameSize() {
    assertEquals(144, config.latentChannels());
    assertEquals(3072, config.samplesPerLatentFrame());
  }

  @Test
  void latentLengthCoversEveryStartedFrame() {
    assertEquals(new LatentShape(44100, 15), LatentShape.of(1.0, config)); // 44100 / 3072 = 14.36
    assertEquals(new LatentShape(3072, 1), LatentShape.of(3072 / 44100.0 + 1e-9, config));
    assertEquals(new LatentShape(3073, 2), LatentShape.of(3073.5 / 44100.0, config));
    assertEquals(new LatentShape(0, 1), LatentShape.of(0, config));
  }

  @Test
  void invalidDurationsAreRejected() {
    assertThrows(IllegalStateException.class, () -> LatentShape.of(Double.NaN, config));
    assertThrows(IllegalStateException.class, () -> LatentShape.of(-1, config));
    assertThrows(IllegalStateException.class, () -> LatentShape.of(1e9, config));
  }

  @Test
  void maskSetsTheLeadingEntries() {
    assertArrayEquals(new float[] {1, 1, 1, 0, 0}, LatentShape.mask(5, 3));
    assertArrayEquals(new float[] {1, 1}, LatentShape.mask(2, 2));
  }

  @Test
  void pcmIsTrimmedClippedRoundedAndDelayed() {
    short[] pcm = ChunkSynthesizer.toPcm(new float[] {0.5f, -2f, 2f, 1e-5f, 0.25f}, 4, 2);
    assertArrayEquals(new short[] {0, 0, 16384, -32767, 32767, 0}, pcm);
  }

  @Test
  void noiseDependsOnSeedAndChunkOnly() {
    assertArrayEquals(LatentNoise.sample(7, 0, 64), LatentNoise.sample(7, 0, 64));
    assertNotEquals(LatentNoise.sample(7, 0, 8)[0], LatentNoise.sample(7, 1, 8)[0]);
    assertNotEquals(LatentNoise.sample(7, 0, 8)[0], LatentNoise.sample(8, 0, 8)[0]);
  }
}
