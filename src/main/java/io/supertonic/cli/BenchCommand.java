package io.supertonic.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks the engine stage by stage and writes JSON.")
public final class BenchCommand implements Callable<Integer> {
  @Override
  public Integer call() throws Exception {
    throw new UnsupportedOperationException("TODO bench");
  }
}
