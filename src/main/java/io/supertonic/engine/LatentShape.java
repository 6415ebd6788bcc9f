package io.supertonic.engine;

/**
 * Sizes derived from a predicted duration, as upstream computes them: the waveform length truncates
 * duration x sample rate, and the latent has one frame per started {@code samplesPerLatentFrame}.
 *
 * @param wavSamples samples kept after the vocoder ({@code (int)(seconds * sampleRate)})
 * @param latentFrames latent length L, at least 1
 */
record LatentShape(int wavSamples, int latentFrames) {

  static LatentShape of(double seconds, ModelConfig config) {
    if (!Double.isFinite(seconds) || seconds < 0) {
      throw new IllegalStateException("duration predictor returned " + seconds + " seconds");
    }
    int frame = config.samplesPerLatentFrame();
    long samples = (long) (seconds * config.sampleRate());
    if (samples > Integer.MAX_VALUE - frame) {
      throw new IllegalStateException(
          "duration predictor returned an implausible " + seconds + " seconds");
    }
    int latent = (int) ((samples + frame - 1) / frame);
    return new LatentShape((int) samples, Math.max(1, latent));
  }

  /** A [1, 1, n] mask with the first {@code length} entries set, as upstream's length_to_mask. */
  static float[] mask(int n, int length) {
    float[] mask = new float[n];
    java.util.Arrays.fill(mask, 0, Math.min(n, length), 1f);
    return mask;
  }
}
