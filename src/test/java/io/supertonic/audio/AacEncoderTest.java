package io.supertonic.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ffmpeg-backed AAC encoder: frames with each chunk, the tail at the end, no process left. */
class AacEncoderTest {
  private final AudioEncoders encoders = AudioEncoders.detect();

  private static short[] tone(int samples) {
    short[] pcm = new short[samples];
    for (int i = 0; i < samples; i++) {
      pcm[i] = (short) (8000 * Math.sin(i * 0.05));
    }
    return pcm;
  }

  private static int adtsFrames(byte[] bytes) {
    int frames = 0;
    for (int i = 0; i + 6 < bytes.length; frames++) {
      assertEquals(0xFF, bytes[i] & 0xFF, "ADTS sync at " + i);
      i +=
          ((bytes[i + 3] & 0x03) << 11)
              | ((bytes[i + 4] & 0xFF) << 3)
              | ((bytes[i + 5] & 0xE0) >> 5);
    }
    return frames;
  }

  @Test
  void eachChunkBringsItsFramesAndFinishBringsTheRest() {
    AacEncoder encoder = (AacEncoder) encoders.create(AudioFormat.AAC, 44_100);
    try {
      byte[] first = encoder.encode(tone(44_100));
      // 43 frames of input; AAC's look-ahead may hold back the last three.
      assertTrue(adtsFrames(first) >= 40, "frames with the first chunk: " + adtsFrames(first));
      byte[] second = encoder.encode(tone(22_050));
      byte[] rest = encoder.finish();
      int total = adtsFrames(first) + adtsFrames(second) + adtsFrames(rest);
      // 66,150 samples: 65 frames of audio, the priming frame, the padded tail.
      assertTrue(total >= 65 && total <= 67, "total frames " + total);
      assertFalse(encoder.processHandle().isAlive(), "ffmpeg exited after finish");
    } finally {
      encoder.close();
    }
  }

  @Test
  void closingMidStreamKillsAndReapsFfmpeg() throws Exception {
    AacEncoder encoder = (AacEncoder) encoders.create(AudioFormat.AAC, 24_000);
    encoder.encode(tone(24_000));
    ProcessHandle process = encoder.processHandle();
    assertTrue(process.isAlive());
    encoder.close();
    process.onExit().get(10, TimeUnit.SECONDS);
    assertFalse(process.isAlive());
    assertTrue(
        ProcessHandle.current().children().noneMatch(p -> p.pid() == process.pid()),
        "reaped, not a zombie child");
    assertThrows(IllegalStateException.class, () -> encoder.encode(tone(10)));
  }

  @Test
  void withoutFfmpegAacIsUnavailableAndNamesThePackage() {
    AudioEncoders without = MissingCodecs.encoders();
    String message = without.unavailable(AudioFormat.AAC).orElseThrow();
    assertTrue(message.contains("apt-get install ffmpeg"), message);
    assertThrows(IllegalStateException.class, () -> without.create(AudioFormat.AAC, 44_100));
  }
}
