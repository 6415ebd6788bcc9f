package io.supertonic.engine;

import java.util.NoSuchElementException;

/**
 * The answer to input with nothing to speak but something written (".", "?!", an emoji): one chunk
 * of silence, as OpenAI answers it. Home Assistant validates a TTS server by sending ".".
 */
final class SilentJob implements SynthesisJob {
  static final double SECONDS = 0.25;

  private final int sampleRate;
  private boolean done;

  SilentJob(int sampleRate) {
    this.sampleRate = sampleRate;
  }

  @Override
  public boolean hasNext() {
    return !done;
  }

  @Override
  public AudioChunk next() {
    if (done) {
      throw new NoSuchElementException("the silent job has one chunk");
    }
    done = true;
    short[] silence = new short[(int) Math.round(SECONDS * sampleRate)];
    return new AudioChunk(0, "", silence, SECONDS, new StageTimings(0, 0, new long[0], 0, 0));
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }
}
