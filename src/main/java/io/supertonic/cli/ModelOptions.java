package io.supertonic.cli;

import io.supertonic.engine.Device;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.ModelVariant;
import io.supertonic.store.ModelRequest;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that loads a model (serve, synth, bench, download). */
public final class ModelOptions {

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

  @Option(
      names = "--device",
      defaultValue = "auto",
      description =
          "ONNX execution provider: auto, cpu, cuda or coreml (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(
      names = "--intra-threads",
      defaultValue = "0",
      description = "ONNX intra-op threads (0 = ONNX default).")
  int intraThreads;

  @Option(
      names = "--inter-threads",
      defaultValue = "0",
      description = "ONNX inter-op threads (0 = ONNX default).")
  int interThreads;

  @Option(names = "--voices-dir", description = "Directory of extra voice style JSON files.")
  Path voicesDir;

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

  public EngineOptions toEngineOptions(Path resolvedDir) {
    return new EngineOptions(
        resolvedDir, variant(), Device.parse(device), intraThreads, interThreads, voicesDir);
  }
}
