package io.supertonic.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * An SSML synthesis: the segments' own jobs (each with its voice, language and speed) run in order
 * and their audio is one stream. Between segments goes the usual inter-chunk silence, or the pause
 * the document asks for instead; a pause at the end becomes a chunk of its own.
 */
final class SsmlSynthesisJob implements SynthesisJob {
  /** A job to speak, or silence (in samples) to put before what follows. */
  sealed interface Step {
    record Speak(SynthesisJob job) implements Step {}

    record Silence(int samples) implements Step {}
  }

  private final Deque<Step> steps;
  private final int sampleRate;
  private final int interSegmentSilence;
  private SynthesisJob current;
  private boolean firstOfCurrent;
  private int pendingSilence = -1; // -1: none asked for, use the default between segments
  private int produced;

  SsmlSynthesisJob(List<Step> steps, int sampleRate, int interSegmentSilence) {
    this.steps = new ArrayDeque<>(steps);
    this.sampleRate = sampleRate;
    this.interSegmentSilence = interSegmentSilence;
  }

  @Override
  public boolean hasNext() {
    return (current != null && current.hasNext()) || !steps.isEmpty() || pendingSilence > 0;
  }

  @Override
  public AudioChunk next() {
    while (current == null || !current.hasNext()) {
      Step step = steps.poll();
      if (step == null) {
        if (pendingSilence > 0) {
          short[] pcm = new short[pendingSilence];
          pendingSilence = -1;
          return new AudioChunk(
              produced++,
              "",
              pcm,
              pcm.length / (double) sampleRate,
              new StageTimings(0, 0, new long[0], 0, 0));
        }
        throw new NoSuchElementException("synthesis job has no more chunks");
      }
      if (step instanceof Step.Silence silence) {
        pendingSilence = Math.max(pendingSilence, 0) + silence.samples();
      } else if (step instanceof Step.Speak speak) {
        current = speak.job();
        firstOfCurrent = true;
      }
    }
    AudioChunk chunk = current.next();
    int lead = 0;
    if (firstOfCurrent) {
      // A segment's own job starts without silence; the document decides what goes before it.
      lead = pendingSilence >= 0 ? pendingSilence : produced == 0 ? 0 : interSegmentSilence;
      pendingSilence = -1;
      firstOfCurrent = false;
    }
    short[] pcm = chunk.pcm();
    if (lead > 0) {
      pcm = new short[lead + chunk.pcm().length];
      System.arraycopy(chunk.pcm(), 0, pcm, lead, chunk.pcm().length);
    }
    return new AudioChunk(produced++, chunk.text(), pcm, chunk.predictedSeconds(), chunk.timings());
  }

  @Override
  public int sampleRate() {
    return sampleRate;
  }
}
