package io.supertonic.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Decodes audio with the ffmpeg command-line tool, as a client outside the project would. */
public final class Ffmpeg {
  private Ffmpeg() {}

  /** The stream's own sample rate (ffprobe) and its samples decoded to 16-bit mono at that rate. */
  public static DecodedAudio decode(byte[] encoded, Path workDir) throws Exception {
    Path in = Files.createTempFile(workDir, "encoded", ".bin");
    Files.write(in, encoded);
    String rate =
        new String(
                run(
                    List.of(
                        "ffprobe",
                        "-v",
                        "error",
                        "-select_streams",
                        "a:0",
                        "-show_entries",
                        "stream=sample_rate",
                        "-of",
                        "csv=p=0",
                        in.toString())))
            .trim();
    int sampleRate = Integer.parseInt(rate);
    byte[] pcm =
        run(
            List.of(
                "ffmpeg",
                "-v",
                "error",
                "-i",
                in.toString(),
                "-f",
                "s16le",
                "-ac",
                "1",
                "-ar",
                rate,
                "pipe:1"));
    short[] samples = new short[pcm.length / 2];
    ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return new DecodedAudio(sampleRate, 1, samples);
  }

  private static byte[] run(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish");
    }
    if (process.exitValue() != 0 || !err.isBlank()) {
      throw new IOException(command.get(0) + " failed (" + process.exitValue() + "): " + err);
    }
    return out;
  }
}
