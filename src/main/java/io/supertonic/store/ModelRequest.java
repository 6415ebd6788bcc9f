package io.supertonic.store;

import io.supertonic.engine.ModelVariant;
import java.nio.file.Path;

/**
 * Where a model should come from and live.
 *
 * @param repo Hugging Face repository id; null means the variant's default
 * @param revision branch, tag or commit; null means {@code main}
 * @param modelDir explicit model directory; null means the cache default for the variant
 * @param endpoint hub base URL ({@code HF_ENDPOINT}); null means https://huggingface.co
 * @param token bearer token ({@code HF_TOKEN}); null for anonymous
 * @param offline never touch the network
 */
public record ModelRequest(
    ModelVariant variant,
    String repo,
    String revision,
    Path modelDir,
    String endpoint,
    String token,
    boolean offline) {}
