package io.supertonic.engine;

/**
 * One synthesis as the engine sees it. Voice is a native id (F1..M5 or an extra style's name);
 * alias resolution happens before. Speed is in the model's range (0.5..2.0).
 *
 * @param seed seeds the noise latent; the same seed reproduces the same audio bit for bit
 */
public record SynthesisParams(
    String text, String voice, String lang, double speed, int totalSteps, long seed) {}
