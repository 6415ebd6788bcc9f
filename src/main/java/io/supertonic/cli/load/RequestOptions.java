package io.supertonic.cli.load;

import java.time.Duration;

/**
 * What every request of a run asks for.
 *
 * @param totalSteps diffusion steps; 0 leaves the server's default
 */
public record RequestOptions(String voice, int totalSteps, Duration timeout) {}
