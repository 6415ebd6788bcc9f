package io.supertonic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "download", mixinStandardHelpOptions = true, description = "Downloads the model files without serving.")
public final class DownloadCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    throw new UnsupportedOperationException("TODO download");
  }
}
