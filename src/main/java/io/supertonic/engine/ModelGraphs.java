package io.supertonic.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The four ONNX sessions of a model, each checked against its {@link GraphContract} when opened.
 */
final class ModelGraphs implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelGraphs.class);

  final OrtSession durationPredictor;
  final OrtSession textEncoder;
  final OrtSession vectorEstimator;
  final OrtSession vocoder;
  final List<String> providers;

  private ModelGraphs(List<OrtSession> sessions, List<String> providers) {
    this.durationPredictor = sessions.get(0);
    this.textEncoder = sessions.get(1);
    this.vectorEstimator = sessions.get(2);
    this.vocoder = sessions.get(3);
    this.providers = providers;
  }

  static ModelGraphs open(
      OrtEnvironment env, Path onnxDir, ModelConfig config, EngineOptions options)
      throws ModelLoadException {
    List<GraphContract> contracts =
        List.of(
            GraphContract.durationPredictor(),
            GraphContract.textEncoder(),
            GraphContract.vectorEstimator(config),
            GraphContract.vocoder(config));
    ExecutionProviders.Configured configured;
    try {
      configured =
          ExecutionProviders.configure(
              options.device(), options.intraThreads(), options.interThreads());
    } catch (OrtException e) {
      throw new ModelLoadException(
          "Cannot create ONNX Runtime session options: " + e.getMessage(), e);
    }
    try {
      return trimmed(openAll(env, onnxDir, contracts, configured));
    } catch (OrtException e) {
      if (configured.providers().size() == 1) {
        throw new IllegalStateException(
            "unreachable: CPU-only failures are reported by openAll", e);
      }
      // An accelerator was accepted but a graph would not load on it: one warning, then CPU.
      LOG.warn(
          "Loading the model on {} failed, falling back to CPU: {}",
          configured.providers(),
          firstLine(e));
      try {
        return trimmed(
            openAll(
                env,
                onnxDir,
                contracts,
                ExecutionProviders.cpuOnly(options.intraThreads(), options.interThreads())));
      } catch (OrtException again) {
        throw new ModelLoadException(
            "Cannot create ONNX Runtime session options: " + again.getMessage(), again);
      }
    }
  }

  /** Loading freed more native memory than it kept (the weights before pre-packing): give it back. */
  private static ModelGraphs trimmed(ModelGraphs graphs) {
    NativeHeap.trim();
    return graphs;
  }

  /**
   * Opens every graph. Throws ModelLoadException for file problems; throws OrtException only when
   * an accelerator provider is enabled and a session failed, so the caller may retry on CPU.
   */
  private static ModelGraphs openAll(
      OrtEnvironment env,
      Path onnxDir,
      List<GraphContract> contracts,
      ExecutionProviders.Configured configured)
      throws ModelLoadException, OrtException {
    List<OrtSession> sessions = new ArrayList<>();
    try (OrtSession.SessionOptions sessionOptions = configured.options()) {
      for (GraphContract contract : contracts) {
        Path file = onnxDir.resolve(contract.file());
        OrtSession session;
        try {
          session = env.createSession(file.toString(), sessionOptions);
        } catch (OrtException e) {
          if (configured.providers().size() > 1) {
            throw e;
          }
          throw new ModelLoadException(
              "Cannot load ONNX graph " + file + " (corrupt or not an ONNX model): " + firstLine(e),
              e);
        }
        sessions.add(session);
        List<String> problems;
        try {
          problems = contract.mismatches(session);
        } catch (OrtException e) {
          throw new ModelLoadException(
              "Cannot read the signature of ONNX graph " + file + ": " + firstLine(e), e);
        }
        if (!problems.isEmpty()) {
          throw new ModelLoadException(
              "ONNX graph "
                  + file
                  + " does not match the Supertonic contract: "
                  + String.join("; ", problems));
        }
      }
      ModelGraphs graphs = new ModelGraphs(sessions, configured.providers());
      sessions = List.of();
      return graphs;
    } finally {
      closeAll(sessions);
    }
  }

  private static void closeAll(List<OrtSession> sessions) {
    for (OrtSession s : sessions) {
      try {
        s.close();
      } catch (OrtException e) {
        LOG.debug("Closing a session failed", e);
      }
    }
  }

  private static String firstLine(Exception e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }

  @Override
  public void close() {
    closeAll(List.of(durationPredictor, textEncoder, vectorEstimator, vocoder));
  }
}
