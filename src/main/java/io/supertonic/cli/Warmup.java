package io.supertonic.cli;

import io.supertonic.audio.AudioEncoder;
import io.supertonic.audio.AudioEncoders;
import io.supertonic.audio.AudioFormat;
import io.supertonic.audio.StreamingResampler;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work done once before the port opens, so the first real request does not pay for it: one
 * synthesis (graph initialisation), and every available encoder and resampler run once (native
 * library set-up, class loading, the resampling filter tables), with the AAC spare ffmpeg started.
 */
final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  /** Samples fed through each encoder: two of the 0.1 s slices a response is encoded in. */
  private static final int WARMUP_SAMPLES = 2 * 4608;

  private Warmup() {}

  static void run(SupertonicEngine engine, SynthesisParams params) {
    long t0 = System.nanoTime();
    SynthesisJob job = engine.start(params);
    while (job.hasNext()) {
      job.next();
    }
    LOG.info("Warmup done in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /**
   * Encodes a short tone in every format this server can produce, at the rate responses of that
   * format get by default ({@code pcmRate} for pcm, 0 meaning the model's), and starts the AAC
   * spare. A format that fails here is left to fail (and be reported) on its first request.
   */
  static void encoders(AudioEncoders encoders, int modelRate, int pcmRate) {
    long t0 = System.nanoTime();
    short[] tone = tone(modelRate);
    for (AudioFormat format : AudioFormat.values()) {
      if (format == AudioFormat.AAC || encoders.unavailable(format).isPresent()) {
        continue;
      }
      int rate =
          format.defaultSampleRate(pcmRate) > 0 ? format.defaultSampleRate(pcmRate) : modelRate;
      StreamingResampler resampler =
          rate == modelRate ? null : encoders.resamplers().create(modelRate, rate);
      try (AudioEncoder encoder = encoders.create(format, rate)) {
        encoder.header();
        for (int from = 0; from < tone.length; from += tone.length / 2) {
          short[] half = java.util.Arrays.copyOfRange(tone, from, from + tone.length / 2);
          encoder.encode(resampler == null ? half : resampler.process(half));
        }
        if (resampler != null) {
          encoder.encode(resampler.flush());
        }
        encoder.finish();
      } catch (RuntimeException e) {
        LOG.warn("Warmup of {} output failed: {}", format.id(), e.toString());
      }
    }
    if (encoders.unavailable(AudioFormat.AAC).isEmpty()) {
      encoders.prestartAac(modelRate);
    }
    LOG.info("Encoder warmup done in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }

  /** A quiet 220 Hz tone: real samples for the encoders, not silence they might shortcut. */
  private static short[] tone(int rate) {
    short[] samples = new short[WARMUP_SAMPLES];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (3000 * Math.sin(2 * Math.PI * 220 * i / rate));
    }
    return samples;
  }
}
