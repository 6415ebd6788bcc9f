package io.supertonic.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Pcm16Test {

  @Test
  void writesLittleEndianTwoBytesPerSample() {
    short[] pcm = {0x0102, -2, Short.MAX_VALUE, Short.MIN_VALUE};
    byte[] expected = {0x02, 0x01, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x00, (byte) 0x80};
    assertArrayEquals(expected, Pcm16.toLittleEndian(pcm));
  }

  @Test
  void roundTrips() {
    short[] pcm = Signals.sine(440, 44100, 1000, 30000);
    assertArrayEquals(pcm, Pcm16.fromLittleEndian(Pcm16.toLittleEndian(pcm)));
  }

  @Test
  void rejectsOddByteCount() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Pcm16.fromLittleEndian(new byte[3]));
    assertTrue(e.getMessage().contains("even"), e.getMessage());
  }

  @Test
  void clampsOutOfRangeValues() {
    assertTrue(Pcm16.clamp(40000.0) == Short.MAX_VALUE);
    assertTrue(Pcm16.clamp(-40000.0) == Short.MIN_VALUE);
    assertTrue(Pcm16.clamp(1.6) == 2);
  }
}
