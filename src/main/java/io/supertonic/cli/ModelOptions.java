package io.supertonic.cli;

import io.supertonic.engine.Device;
import io.supertonic.engine.EngineOptions;
import io.supertonic.engine.ModelVariant;
import io.supertonic.store.ModelRequest;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by every command that loads a model (serve, synth, bench). */
public final class ModelOptions {

  @Mixin ModelSourceOptions source = new ModelSourceOptions();

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
    return source.variant();
  }

  public ModelRequest toModelRequest() {
    return source.toModelRequest();
  }

  public EngineOptions toEngineOptions(Path resolvedDir) {
    return new EngineOptions(
        resolvedDir, variant(), Device.parse(device), intraThreads, interThreads, voicesDir);
  }
}
