package io.supertonic.cli;

import io.supertonic.engine.ModelVariant;
import io.supertonic.store.ModelRequest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which model and where it comes from: all that {@code download} needs, part of every model load.
 */
public final class ModelSourceOptions {

  @Option(
      names = "--model",
      defaultValue = "supertonic-3",
      description = "Model: supertonic, supertonic-2 or supertonic-3 (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(
      names = "--model-dir",
      description = "Model directory (Hugging Face layout). Missing files are downloaded into it.")
  Path modelDir;

  @Option(
      names = "--model-repo",
      description = "Hugging Face repository to download from (a mirror).")
  String modelRepo;

  @Option(
      names = "--model-revision",
      description = "Branch, tag or commit of the model repository.")
  String modelRevision;

  @Option(
      names = "--offline",
      description = "Never touch the network; fail if model files are missing.")
  boolean offline;

  public ModelVariant variant() {
    return ModelVariant.fromId(model);
  }

  public ModelRequest toModelRequest() {
    return new ModelRequest(
        variant(),
        modelRepo,
        modelRevision,
        modelDir,
        System.getenv("HF_ENDPOINT"),
        System.getenv("HF_TOKEN"),
        offline);
  }
}
