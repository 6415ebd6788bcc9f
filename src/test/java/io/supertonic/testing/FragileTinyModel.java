package io.supertonic.testing;

import io.supertonic.cli.Main;
import java.nio.file.Path;

/**
 * The tiny model with a vocoder that fails on long chunks ({@code tiny-model
 * --vocoder-max-frames}): a real ONNX Runtime error in the middle of a job. {@link #TEXT}'s short
 * first chunk synthesizes, its long second chunk fails, so clients have audio in hand when the
 * engine fails.
 */
public final class FragileTinyModel {
  /** About 4.2 s of audio: the first chunk of {@link #TEXT} is under 2 s, the second over 6 s. */
  public static final int MAX_FRAMES = 60;

  /** One short sentence (the first chunk), then one long one (the second chunk). */
  public static final String TEXT =
      "Hello there. This second sentence is much longer than the first one, and it goes on and"
          + " on with clause after clause, so that its chunk needs many more latent frames than the"
          + " fragile vocoder accepts, which makes the engine fail after the first audio went out.";

  /** A text the fragile model speaks whole: one short chunk. */
  public static final String SHORT_TEXT = "Hello there.";

  private FragileTinyModel() {}

  /**
   * Writes the fragile model where {@link TestServer#start(Path)} looks for its model (it uses a
   * model already in {@code tempDir}), with the real CLI command.
   */
  public static void writeInto(Path tempDir) {
    int exit =
        Main.commandLine()
            .execute(
                "tiny-model",
                "--out",
                tempDir.resolve("tiny-model").toString(),
                "--vocoder-max-frames",
                String.valueOf(MAX_FRAMES));
    if (exit != 0) {
      throw new IllegalStateException("tiny-model failed with exit code " + exit);
    }
  }
}
