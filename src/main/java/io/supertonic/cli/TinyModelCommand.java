package io.supertonic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "tiny-model", mixinStandardHelpOptions = true, description = "Writes the tiny offline test model (tones, not speech).")
public final class TinyModelCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    throw new UnsupportedOperationException("TODO tiny-model");
  }
}
