package io.supertonic.cli;

import io.supertonic.store.ModelRequest;
import io.supertonic.store.ModelStore;
import io.supertonic.store.ModelUnavailableException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Fetches (or completes) the model directory without serving, then prints where it is. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description =
        "Downloads the model files without serving. Prints the model directory on success. "
            + "HF_ENDPOINT and HF_TOKEN select another hub and authenticate.")
public final class DownloadCommand implements Callable<Integer> {

  @Mixin ModelSourceOptions model = new ModelSourceOptions();

  @Spec CommandSpec spec;

  private final Supplier<ModelStore> stores;

  public DownloadCommand() {
    this(ModelStore::new);
  }

  /** For tests: a store with other settings. */
  DownloadCommand(Supplier<ModelStore> stores) {
    this.stores = stores;
  }

  @Override
  public Integer call() throws ModelUnavailableException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelRequest request;
    try {
      request = model.toModelRequest();
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 2;
    }
    // Failures (no network, --offline) are explained by Main's FailureReport.
    Path dir = stores.get().ensure(request);
    out.println(dir);
    out.flush();
    return 0;
  }
}
