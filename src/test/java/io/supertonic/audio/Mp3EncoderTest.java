package io.supertonic.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Mp3EncoderTest {

  private static final int FRAME = 1152;

  private static AudioEncoders encoders;

  @BeforeAll
  static void loadLame() {
    encoders = AudioEncoders.detect();
    assertTrue(
        encoders.mp3Available(),
        "these tests need the system LAME library: " + encoders.mp3UnavailableMessage());
  }

  @Test
  void chunkedSineDecodesToMono44100WithItsFrequency() throws Exception {
    short[] input = Signals.sine(440, 44100, 44100, 12000);
    byte[] mp3 = encodeInChunks(44100, input, 4410, 1000, 7, 20000);

    Decoded decoded = decode(mp3);
    assertEquals(44100, decoded.sampleRate);
    assertTrue(decoded.allMono, "every frame should be single-channel");
    // LAME adds its encoder delay up front and pads the last frame; nothing else.
    int extra = decoded.pcm.length - input.length;
    assertTrue(extra >= 0 && extra <= 2 * FRAME, "decoded length off by " + extra + " samples");

    int from = 4 * FRAME;
    int to = input.length - FRAME;
    assertEquals(440, Signals.zeroCrossingFrequency(decoded.pcm, from, to, 44100), 2.0);
    double inputRms = Signals.rms(input, from, to);
    assertEquals(inputRms, Signals.rms(decoded.pcm, from, to), inputRms * 0.1);
  }

  @Test
  void chunkingDoesNotChangeTheStream() {
    short[] input = Signals.sine(1000, 44100, 30000, 9000);
    byte[] whole = encodeInChunks(44100, input, input.length);
    byte[] chunked = encodeInChunks(44100, input, 100, 3333, 1, 0, 5000);
    assertArrayEquals(whole, chunked);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16000, 22050, 24000, 48000})
  void keepsTheRequestedSampleRate(int rate) throws Exception {
    short[] input = Signals.sine(300, rate, rate / 2, 10000);
    Decoded decoded = decode(encodeInChunks(rate, input, rate / 10));
    assertEquals(rate, decoded.sampleRate);
    assertTrue(decoded.allMono);
    assertEquals(
        300, Signals.zeroCrossingFrequency(decoded.pcm, 3 * FRAME, input.length, rate), 3.0);
  }

  @Test
  void rejectsRatesMpegCannotCarry() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> encoders.create(AudioFormat.MP3, 44000));
    String message = e.getMessage();
    assertTrue(message.contains("44100") && message.contains("44000"), message);
  }

  @Test
  void closeIsIdempotentAndSafeAfterCancel() {
    AudioEncoder cancelled = encoders.create(AudioFormat.MP3, 44100);
    cancelled.encode(Signals.sine(440, 44100, 5000, 8000));
    assertDoesNotThrow(cancelled::close); // no finish: the client went away
    assertDoesNotThrow(cancelled::close);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> cancelled.encode(new short[10]));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, cancelled::finish);

    AudioEncoder finished = encoders.create(AudioFormat.MP3, 44100);
    finished.encode(Signals.sine(440, 44100, 5000, 8000));
    assertTrue(finished.finish().length > 0);
    assertEquals(0, finished.finish().length, "a second finish has nothing left to flush");
    assertThrows(IllegalStateException.class, () -> finished.encode(new short[10]));
    finished.close();
    finished.close();
  }

  @Test
  void closeFromAnotherThreadStopsTheEncoderCleanly() throws Exception {
    AudioEncoder mp3 = encoders.create(AudioFormat.MP3, 44100);
    short[] chunk = Signals.sine(440, 44100, 4410, 8000);
    CountDownLatch encoding = new CountDownLatch(1);
    CompletableFuture<Throwable> worker =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                while (true) {
                  mp3.encode(chunk);
                  encoding.countDown();
                }
              } catch (RuntimeException e) {
                return e;
              }
            });
    assertTrue(encoding.await(10, TimeUnit.SECONDS), "worker never encoded");
    mp3.close(); // a cancelled request, closed while the worker may be inside LAME
    Throwable stopped = worker.get(10, TimeUnit.SECONDS);
    assertTrue(stopped instanceof IllegalStateException, String.valueOf(stopped));
    assertTrue(stopped.getMessage().contains("closed"), stopped.getMessage());
  }

  @Test
  void emptyChunksAndHeaderAreEmpty() throws Exception {
    try (AudioEncoder mp3 = encoders.create(AudioFormat.MP3, 44100)) {
      assertEquals(0, mp3.header().length);
      assertEquals(0, mp3.encode(new short[0]).length);
    }
  }

  @Test
  void missingLibraryDisablesOnlyMp3() {
    AudioEncoders without =
        AudioEncoders.detect(
            LameLoader.forNames(List.of("no-such-mp3lame-library")), Mp3Settings.SPEECH);

    assertFalse(without.mp3Available());
    String message = without.mp3UnavailableMessage();
    assertTrue(message.contains("apt-get install libmp3lame0"), message);
    assertTrue(message.contains("brew install lame"), message);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> without.create(AudioFormat.MP3, 44100));
    assertEquals(message, e.getMessage());
    assertEquals(44, without.create(AudioFormat.WAV, 44100).header().length);
    assertEquals(4, without.create(AudioFormat.PCM, 44100).encode(new short[2]).length);
  }

  @Test
  void availableLibraryHasNoUnavailableMessage() {
    assertEquals("", encoders.mp3UnavailableMessage());
  }

  @Test
  void settingsRejectOutOfRangeValues() {
    assertThrows(IllegalArgumentException.class, () -> new Mp3Settings(4, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Mp3Settings(96, 10));
    assertTrue(e.getMessage().contains("quality"), e.getMessage());
  }

  /** Encodes {@code input} in chunks of the given sizes, cycling through them. */
  private static byte[] encodeInChunks(int rate, short[] input, int... chunkSizes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AudioEncoder mp3 = encoders.create(AudioFormat.MP3, rate)) {
      out.writeBytes(mp3.header());
      int at = 0;
      for (int i = 0; at < input.length; i++) {
        int size = Math.min(chunkSizes[i % chunkSizes.length], input.length - at);
        short[] chunk = new short[size];
        System.arraycopy(input, at, chunk, 0, size);
        out.writeBytes(mp3.encode(chunk));
        at += size;
      }
      out.writeBytes(mp3.finish());
    }
    return out.toByteArray();
  }

  private record Decoded(short[] pcm, int sampleRate, boolean allMono) {}

  private static Decoded decode(byte[] mp3) throws Exception {
    Bitstream bitstream = new Bitstream(new ByteArrayInputStream(mp3));
    Decoder decoder = new Decoder();
    short[] pcm = new short[0];
    int rate = -1;
    boolean allMono = true;
    int frames = 0;
    Header header;
    while ((header = bitstream.readFrame()) != null) {
      SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(header, bitstream);
      allMono &= header.mode() == Header.SINGLE_CHANNEL && buffer.getChannelCount() == 1;
      if (rate < 0) {
        rate = header.frequency();
      }
      assertEquals(rate, header.frequency(), "sample rate changed at frame " + frames);
      short[] samples = new short[buffer.getBufferLength()];
      System.arraycopy(buffer.getBuffer(), 0, samples, 0, samples.length);
      pcm = Signals.concat(pcm, samples);
      bitstream.closeFrame();
      frames++;
    }
    bitstream.close();
    assertTrue(frames > 0, "no MP3 frames decoded");
    return new Decoded(pcm, rate, allMono);
  }
}
