package io.supertonic.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.supertonic.engine.Device;
import io.supertonic.engine.tiny.OnnxGraphBuilder;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Checks that an execution provider really runs a graph. The server falls back to the CPU when a
 * provider fails, which is right on a laptop and wrong in a GPU container: the CUDA image runs this
 * first so that a container started without a GPU says so instead of serving slowly. Adding the
 * provider is not enough (the GPU build adds CUDA happily without a driver), so it runs one graph.
 */
@Command(
    name = "check-device",
    mixinStandardHelpOptions = true,
    description = "Checks that an execution provider loads and runs a graph; exit 1 when not.")
public final class DeviceCheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--device",
      defaultValue = "cuda",
      description = "Provider to check: cpu, cuda or coreml (default: ${DEFAULT-VALUE}).")
  Device device;

  @Override
  public Integer call() {
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      switch (device) {
        case CUDA -> options.addCUDA(0);
        case COREML -> options.addCoreML();
        case CPU, AUTO -> {}
      }
      runOneGraph(options);
      spec.commandLine().getOut().println(device.id() + " execution provider: OK");
      return 0;
    } catch (Exception | UnsatisfiedLinkError e) {
      String reason =
          e.getMessage() == null
              ? e.getClass().getSimpleName()
              : e.getMessage().lines().findFirst().orElse("").strip();
      spec.commandLine()
          .getErr()
          .println("error: the " + device.id() + " execution provider does not load: " + reason);
      return 1;
    }
  }

  private static void runOneGraph(OrtSession.SessionOptions options) throws Exception {
    OnnxGraphBuilder graph = new OnnxGraphBuilder("device_check").floatInput("x", 1, 4);
    graph.opInto("y", "Mul", new String[] {"x", graph.scalar(2f)});
    graph.floatOutput("y", 1, 4);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(graph.toBytes(), options);
        OnnxTensor x = OnnxTensor.createTensor(env, new float[][] {{1f, 2f, 3f, 4f}});
        OrtSession.Result result = session.run(Map.of("x", x))) {
      float[][] y = (float[][]) result.get(0).getValue();
      if (y[0][3] != 8f) {
        throw new IllegalStateException("the check graph computed " + y[0][3] + " instead of 8");
      }
    }
  }
}
