package io.supertonic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.supertonic.engine.tiny.TinyModelWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The synth and tiny-model commands, run in-process through the real command tree. */
class SynthCommandTest {
  @TempDir Path tmp;

  private record Run(int exit, String out, String err) {}

  /** {@code synth} on the CPU with the given model directory and further arguments. */
  private Run synth(Path model, String... args) {
    String[] all = new String[args.length + 5];
    System.arraycopy(
        new String[] {"synth", "--model-dir", model.toString(), "--device", "cpu"}, 0, all, 0, 5);
    System.arraycopy(args, 0, all, 5, args.length);
    return run(all);
  }

  private Run run(String... args) {
    CommandLine cli = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void writesAWavWhoseLengthMatchesThePrintedDuration() throws Exception {
    Path model = tmp.resolve("model");
    Run tiny = run("tiny-model", "--out", model.toString());
    assertEquals(0, tiny.exit(), tiny.err());
    assertTrue(Files.isRegularFile(model.resolve("onnx/vector_estimator.onnx")));

    Path wav = tmp.resolve("out.wav");
    Run synth =
        synth(
            model,
            "--text",
            "Hello from the tiny model. It speaks in tones.",
            "--voice",
            "nova",
            "--seed",
            "11",
            "--out",
            wav.toString());
    assertEquals(0, synth.exit(), synth.err());
    Matcher m = Pattern.compile("audio: ([0-9.]+) s .*voice: F4 +seed: 11").matcher(synth.out());
    assertTrue(m.find(), synth.out());
    double printedSeconds = Double.parseDouble(m.group(1));

    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", ascii(b, 0));
    assertEquals(b.capacity() - 8, b.getInt(4));
    assertEquals("WAVE", ascii(b, 8));
    assertEquals("fmt ", ascii(b, 12));
    assertEquals(1, b.getShort(20));
    assertEquals(1, b.getShort(22));
    assertEquals(44100, b.getInt(24));
    assertEquals(16, b.getShort(34));
    assertEquals("data", ascii(b, 36));
    int samples = b.getInt(40) / 2;
    assertEquals(b.capacity() - 44, samples * 2);
    assertEquals(printedSeconds, samples / 44100.0, 0.0005);
    assertTrue(samples > 44100 / 2, "samples " + samples);

    Path pcm = tmp.resolve("out.pcm");
    Run raw =
        synth(
            model,
            "--text",
            "Hello from the tiny model. It speaks in tones.",
            "--voice",
            "F4",
            "--seed",
            "11",
            "--out",
            pcm.toString());
    assertEquals(0, raw.exit(), raw.err());
    assertEquals(samples * 2L, Files.size(pcm), "raw PCM holds the same samples as the WAV");
    byte[] wavData = java.util.Arrays.copyOfRange(Files.readAllBytes(wav), 44, 44 + samples * 2);
    assertTrue(java.util.Arrays.equals(wavData, Files.readAllBytes(pcm)), "same seed, same audio");
  }

  @Test
  void reportsBadRequestsWithoutAStackTrace() throws Exception {
    Path model = TinyModelWriter.write(tmp.resolve("model"));
    Run voice =
        synth(
            model, "--text", "Hi.", "--voice", "nobody", "--out", tmp.resolve("x.wav").toString());
    assertEquals(SynthCommand.EXIT_BAD_REQUEST, voice.exit());
    assertTrue(
        voice.err().contains("error: unknown voice 'nobody'") && voice.err().contains("M5"), voice.err());

    Run speed =
        synth(model, "--text", "Hi.", "--speed", "3", "--out", tmp.resolve("x.wav").toString());
    assertEquals(SynthCommand.EXIT_BAD_REQUEST, speed.exit());
    assertTrue(speed.err().contains("speed"), speed.err());
  }

  private static String ascii(ByteBuffer b, int at) {
    return new String(b.array(), at, 4, StandardCharsets.US_ASCII);
  }
}
