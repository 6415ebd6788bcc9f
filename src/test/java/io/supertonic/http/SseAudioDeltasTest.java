package io.supertonic.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseAudioDeltasTest {
  @Test
  void slicesIntoTenthsOfASecondWithoutSplittingSamples() {
    SseAudioDeltas deltas = new SseAudioDeltas(24000 * 2);
    assertEquals(4800, deltas.deltaBytes());
    byte[] chunk = new byte[4800 * 3 + 1000];
    for (int i = 0; i < chunk.length; i++) {
      chunk[i] = (byte) i;
    }
    List<byte[]> parts = deltas.slice(chunk);
    assertEquals(List.of(4800, 4800, 4800, 1000), parts.stream().map(p -> p.length).toList());
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    parts.forEach(joined::writeBytes);
    assertArrayEquals(chunk, joined.toByteArray());
  }

  @Test
  void oddByteRatesStillGiveEvenDeltasAndSmallInputsStayWhole() {
    SseAudioDeltas mp3 = new SseAudioDeltas(96_000 / 8);
    assertEquals(1200, mp3.deltaBytes());
    assertEquals(0, new SseAudioDeltas(11025 * 2 + 1).deltaBytes() % 2);
    assertEquals(1, mp3.slice(new byte[10]).size());
  }
}
