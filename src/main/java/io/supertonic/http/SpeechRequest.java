package io.supertonic.http;

import io.supertonic.audio.AudioFormat;

/**
 * A validated {@code POST /v1/audio/speech} body.
 *
 * @param speed already mapped into the model's range (see {@link SpeechRequestParser})
 * @param sse true for {@code stream_format: "sse"}
 * @param sampleRate output rate in Hz; null for the server's default
 */
public record SpeechRequest(
    String model,
    String input,
    String voice,
    AudioFormat format,
    double speed,
    boolean sse,
    String lang,
    Integer totalSteps,
    Long seed,
    Integer sampleRate) {}
