package io.supertonic.engine;

/**
 * A voice: the two style tensors of a voice_styles/*.json file, flattened row-major.
 *
 * @param ttlShape e.g. [1, 50, 256]
 * @param dpShape e.g. [1, 8, 16]
 */
public record VoiceStyle(String id, float[] ttl, long[] ttlShape, float[] dp, long[] dpShape) {}
