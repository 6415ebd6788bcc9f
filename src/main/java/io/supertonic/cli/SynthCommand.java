package io.supertonic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "synth", mixinStandardHelpOptions = true, description = "Synthesizes text to a WAV or raw PCM file.")
public final class SynthCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    throw new UnsupportedOperationException("TODO synth");
  }
}
