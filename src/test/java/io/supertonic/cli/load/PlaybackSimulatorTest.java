package io.supertonic.cli.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlaybackSimulatorTest {
  /** 1000 bytes per second keeps the arithmetic readable: 500 bytes are half a second. */
  private final PlaybackSimulator player = new PlaybackSimulator(1000);

  @Test
  void audioThatArrivesBeforeTheBufferRunsDryPlaysWithoutAGap() {
    player.arrived(10.0, 500); // plays 10.0 .. 10.5
    player.arrived(10.4, 500); // queued: plays 10.5 .. 11.0
    player.arrived(10.99, 1000); // queued: plays 11.0 .. 12.0
    assertEquals(0, player.underruns());
    assertEquals(2.0, player.audioSeconds(), 1e-9);
    assertEquals(10.0, player.firstByteAt(), 1e-9);
  }

  @Test
  void aChunkArrivingAfterThePreviousAudioFinishedIsAnUnderrun() {
    player.arrived(0.0, 500); // 0 .. 0.5
    player.arrived(0.8, 500); // gap of 0.3 s, then 0.8 .. 1.3
    player.arrived(1.2, 200); // in time: 1.3 .. 1.5
    player.arrived(2.0, 100); // gap of 0.5 s
    assertEquals(2, player.underruns());
    assertEquals(0.8, player.gapSeconds(), 1e-9);
  }

  @Test
  void emptyReadsChangeNothing() {
    player.arrived(0.0, 0);
    player.arrived(5.0, 100);
    player.arrived(9.0, 0);
    assertEquals(0, player.underruns());
    assertEquals(5.0, player.firstByteAt(), 1e-9);
  }
}
