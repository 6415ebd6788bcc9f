package io.supertonic.cli;

import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synthesis before the port opens, so the first real request does not pay graph initialisation.
 */
final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  private Warmup() {}

  static void run(SupertonicEngine engine, SynthesisParams params) {
    long t0 = System.nanoTime();
    SynthesisJob job = engine.start(params);
    while (job.hasNext()) {
      job.next();
    }
    LOG.info("Warmup done in {} ms", (System.nanoTime() - t0) / 1_000_000);
  }
}
