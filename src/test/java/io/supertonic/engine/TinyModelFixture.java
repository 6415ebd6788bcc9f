package io.supertonic.engine;

import io.supertonic.engine.tiny.TinyModelWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Shared helpers for engine tests on the generated tiny model. */
final class TinyModelFixture {
  private TinyModelFixture() {}

  static Path write(Path dir) throws IOException {
    return TinyModelWriter.write(dir.resolve("model"));
  }

  static SupertonicEngine load(Path modelDir) throws ModelLoadException {
    return SupertonicEngine.load(EngineOptions.cpu(modelDir));
  }

  static SynthesisParams params(String text, String voice, long seed) {
    return new SynthesisParams(text, voice, "en", 1.0, 4, seed);
  }

  /** All chunks of a job concatenated. */
  static short[] synthesize(SupertonicEngine engine, SynthesisParams params) {
    SynthesisJob job = engine.start(params);
    short[] all = new short[0];
    while (job.hasNext()) {
      short[] pcm = job.next().pcm();
      short[] next = java.util.Arrays.copyOf(all, all.length + pcm.length);
      System.arraycopy(pcm, 0, next, all.length, pcm.length);
      all = next;
    }
    return all;
  }
}
