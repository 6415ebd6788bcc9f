package io.supertonic.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavTest {

  private static final AudioEncoders ENCODERS =
      AudioEncoders.detect(
          LameLoader.forNames(List.of("no-such-lame-for-wav-tests")), Mp3Settings.SPEECH);

  @TempDir Path dir;

  @Test
  void streamingHeaderDescribes16BitMonoWithUnknownLength() {
    byte[] h = WavHeader.streaming(44100);
    assertEquals(44, h.length);
    ByteBuffer b = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", ascii(h, 0));
    assertEquals(0xFFFFFFFFL, Integer.toUnsignedLong(b.getInt(4)));
    assertEquals("WAVE", ascii(h, 8));
    assertEquals("fmt ", ascii(h, 12));
    assertEquals(16, b.getInt(16));
    assertEquals(1, b.getShort(20)); // PCM
    assertEquals(1, b.getShort(22)); // mono
    assertEquals(44100, b.getInt(24));
    assertEquals(88200, b.getInt(28)); // byte rate
    assertEquals(2, b.getShort(32)); // block align
    assertEquals(16, b.getShort(34));
    assertEquals("data", ascii(h, 36));
    assertEquals(0xFFFFFFFFL - 36, Integer.toUnsignedLong(b.getInt(40)));
  }

  @Test
  void exactHeaderCarriesSizes() {
    ByteBuffer b =
        ByteBuffer.wrap(WavHeader.forDataSize(24000, 1000)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1036, b.getInt(4));
    assertEquals(24000, b.getInt(24));
    assertEquals(48000, b.getInt(28));
    assertEquals(1000, b.getInt(40));
  }

  @Test
  void headerRejectsBadInput() {
    IllegalArgumentException rate =
        assertThrows(IllegalArgumentException.class, () -> WavHeader.streaming(0));
    assertTrue(rate.getMessage().contains("sample rate"), rate.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WavHeader.forDataSize(44100, -1));
    assertThrows(IllegalArgumentException.class, () -> WavHeader.forDataSize(44100, 1L << 32));
  }

  @Test
  void streamingEncoderSendsHeaderThenLittleEndianSamples() throws Exception {
    short[] a = Signals.sine(440, 16000, 800, 8000);
    short[] b = Signals.sine(440, 16000, 333, 8000);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    try (AudioEncoder wav = ENCODERS.create(AudioFormat.WAV, 16000)) {
      stream.write(wav.header());
      stream.write(wav.encode(a));
      stream.write(wav.encode(b));
      stream.write(wav.finish());
    }
    byte[] bytes = stream.toByteArray();
    assertArrayEquals(WavHeader.streaming(16000), Arrays.copyOf(bytes, 44));
    short[] samples = Pcm16.fromLittleEndian(Arrays.copyOfRange(bytes, 44, bytes.length));
    assertArrayEquals(Signals.concat(a, b), samples);
  }

  @Test
  void streamedWavIsReadableByJavaSound() throws Exception {
    short[] pcm = Signals.sine(1000, 22050, 2205, 10000);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    AudioEncoder wav = ENCODERS.create(AudioFormat.WAV, 22050);
    stream.write(wav.header());
    stream.write(wav.encode(pcm));
    try (AudioInputStream in =
        AudioSystem.getAudioInputStream(new ByteArrayInputStream(stream.toByteArray()))) {
      assertEquals(22050f, in.getFormat().getSampleRate());
      assertEquals(1, in.getFormat().getChannels());
      assertArrayEquals(pcm, Pcm16.fromLittleEndian(in.readAllBytes()));
    }
  }

  @Test
  void pcmEncoderHasNoHeader() {
    AudioEncoder pcm = ENCODERS.create(AudioFormat.PCM, 44100);
    short[] samples = {1, -1, 300};
    assertEquals(0, pcm.header().length);
    assertArrayEquals(Pcm16.toLittleEndian(samples), pcm.encode(samples));
    assertEquals(0, pcm.finish().length);
    pcm.close();
    pcm.close();
  }

  @Test
  void fileHelperWritesExactSizesReadableByJavaSound() throws Exception {
    short[] pcm = Signals.sine(440, 44100, 44100 / 3, 12000);
    Path file = dir.resolve("tone.wav");
    WavFiles.write(file, pcm, 44100);

    assertEquals(44 + 2L * pcm.length, Files.size(file));
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(36 + 2 * pcm.length, b.getInt(4));
    assertEquals(2 * pcm.length, b.getInt(40));
    assertRead(file, 44100, pcm);
  }

  @Test
  void streamingFileWriterPatchesSizesOnClose() throws Exception {
    short[] a = Signals.sine(300, 8000, 1000, 5000);
    short[] b = Signals.sine(300, 8000, 501, 5000);
    Path file = dir.resolve("chunks.wav");
    WavFileWriter writer = WavFileWriter.open(file, 8000);
    writer.write(a);
    writer.write(b);
    assertEquals(2L * (a.length + b.length), writer.dataBytes());
    writer.close();
    writer.close();
    assertThrows(IllegalStateException.class, () -> writer.write(a));

    assertEquals(44 + 2L * (a.length + b.length), Files.size(file));
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2 * (a.length + b.length), buf.getInt(40));
    assertRead(file, 8000, Signals.concat(a, b));
  }

  @Test
  void emptyFileIsStillAValidWav() throws Exception {
    Path file = dir.resolve("empty.wav");
    WavFiles.write(file, new short[0], 16000);
    assertEquals(44, Files.size(file));
    assertRead(file, 16000, new short[0]);
  }

  private static void assertRead(Path file, int rate, short[] expected) throws Exception {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
      assertEquals(rate, in.getFormat().getSampleRate());
      assertEquals(1, in.getFormat().getChannels());
      assertEquals(16, in.getFormat().getSampleSizeInBits());
      assertEquals(expected.length, in.getFrameLength());
      assertArrayEquals(expected, Pcm16.fromLittleEndian(in.readAllBytes()));
    }
  }

  private static String ascii(byte[] bytes, int at) {
    return new String(bytes, at, 4, StandardCharsets.US_ASCII);
  }
}
