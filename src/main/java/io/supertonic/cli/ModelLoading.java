package io.supertonic.cli;

import io.supertonic.engine.ModelLoadException;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.store.ModelStore;
import io.supertonic.store.ModelUnavailableException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves (downloading if needed) and loads the model the options name, logging what an operator
 * needs.
 */
final class ModelLoading {
  private static final Logger LOG = LoggerFactory.getLogger(ModelLoading.class);

  private ModelLoading() {}

  static SupertonicEngine load(ModelOptions options)
      throws ModelUnavailableException, ModelLoadException {
    Path dir = new ModelStore().ensure(options.toModelRequest());
    long t0 = System.nanoTime();
    SupertonicEngine engine = SupertonicEngine.load(options.toEngineOptions(dir));
    LOG.info(
        "Model {} loaded from {} in {} ms: {} Hz, {} voices, {} languages, providers {}",
        engine.info().model(),
        dir,
        (System.nanoTime() - t0) / 1_000_000,
        engine.info().sampleRate(),
        engine.info().voices().size(),
        engine.info().languages().size(),
        engine.info().providers());
    return engine;
  }
}
