package io.supertonic.engine.tiny;

import io.supertonic.engine.ModelConfig;
import io.supertonic.engine.ModelLoadException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a complete, very small Supertonic-shaped model directory: the real tts.json, unicode
 * indexer and voice styles, plus four hand-built ONNX graphs with the real input/output contract.
 * The graphs produce tones, not speech, but behave like the real model where tests look: duration
 * grows with the text and depends on the voice, the vector estimator moves the noisy latent towards
 * a voice- and text-dependent target step by step (so the seed matters), and the vocoder emits
 * exactly {@code L * base_chunk_size * chunk_compress_factor} samples whose pitch and loudness
 * follow the latent.
 */
public final class TinyModelWriter {
  public static final List<String> VOICES =
      List.of("F1", "F2", "F3", "F4", "F5", "M1", "M2", "M3", "M4", "M5");
  private static final String RESOURCES = "model/supertonic3/";

  /** Seconds of speech per text unit (UTF-16 code unit, language tags included). */
  static final float SECONDS_PER_UNIT = 0.06f;

  private TinyModelWriter() {}

  /** Writes the model into {@code dir} (created if needed) and returns {@code dir}. */
  public static Path write(Path dir) throws IOException {
    return write(dir, 0);
  }

  /**
   * As {@link #write(Path)}, with a vocoder that fails (a real ONNX Runtime error, from a Reshape
   * that only fits up to {@code vocoderMaxFrames} frames) on any latent longer than {@code
   * vocoderMaxFrames} frames; 0 = no limit. A short first chunk then synthesizes and a long later
   * one fails, which is how fault tests meet an engine failure in the middle of a stream.
   */
  public static Path write(Path dir, int vocoderMaxFrames) throws IOException {
    if (vocoderMaxFrames < 0) {
      throw new IllegalArgumentException("vocoderMaxFrames must be >= 0, got " + vocoderMaxFrames);
    }
    writeAssets(dir);
    Path onnx = dir.resolve("onnx");
    ModelConfig config = config(onnx.resolve("tts.json"));
    Files.write(onnx.resolve("duration_predictor.onnx"), durationPredictor());
    Files.write(onnx.resolve("text_encoder.onnx"), textEncoder());
    Files.write(onnx.resolve("vector_estimator.onnx"), vectorEstimator(config));
    Files.write(onnx.resolve("vocoder.onnx"), vocoder(config, vocoderMaxFrames));
    return dir;
  }

  /** Writes everything but the graphs: tts.json, the unicode indexer and the voice styles. */
  static void writeAssets(Path dir) throws IOException {
    Path onnx = dir.resolve("onnx");
    Path voices = dir.resolve("voice_styles");
    Files.createDirectories(onnx);
    Files.createDirectories(voices);
    copyResource("tts.json", onnx.resolve("tts.json"));
    copyResource("unicode_indexer.json", onnx.resolve("unicode_indexer.json"));
    for (String voice : VOICES) {
      copyResource("voice_styles/" + voice + ".json", voices.resolve(voice + ".json"));
    }
  }

  private static ModelConfig config(Path ttsJson) throws IOException {
    try {
      return ModelConfig.parse(
          new JsonObject(Files.readString(ttsJson, StandardCharsets.UTF_8)), ttsJson.toString());
    } catch (ModelLoadException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** duration = units * 0.06 s * (voice factor from style_dp) * (small factor from the ids). */
  static byte[] durationPredictor() {
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("tiny_duration_predictor")
            .longInput("text_ids", "B", "T")
            .floatInput("style_dp", "B", 8, 16)
            .floatInput("text_mask", "B", 1, "T")
            .floatOutput("duration", "B");
    String units =
        g.op(
            "ReduceSum",
            new String[] {"text_mask", g.longs(1, 2)},
            OnnxGraphBuilder.integer("keepdims", 0));
    String styleMean =
        g.op(
            "ReduceMean",
            new String[] {"style_dp"},
            OnnxGraphBuilder.ints("axes", 1, 2),
            OnnxGraphBuilder.integer("keepdims", 0));
    String voiceFactor =
        g.op(
            "Add",
            g.scalar(1f),
            g.op("Mul", g.scalar(0.5f), g.op("Tanh", g.op("Mul", styleMean, g.scalar(20f)))));
    String ids = g.op("Cast", new String[] {"text_ids"}, OnnxGraphBuilder.integer("to", 1));
    String mask2d = g.op("Squeeze", "text_mask", g.longs(1));
    String idWave = g.op("Sin", g.op("Mul", ids, mask2d));
    // Mean over the real tokens only (sum / units, not over the padded length), so a padded batch
    // predicts the same durations as each text alone.
    String idMean =
        g.op(
            "Div",
            g.op(
                "ReduceSum",
                new String[] {idWave, g.longs(1)},
                OnnxGraphBuilder.integer("keepdims", 0)),
            units);
    String idFactor = g.op("Add", g.scalar(1f), g.op("Mul", idMean, g.scalar(0.05f)));
    String seconds = g.op("Mul", units, g.scalar(SECONDS_PER_UNIT));
    g.opInto("duration", "Mul", new String[] {g.op("Mul", seconds, voiceFactor), idFactor});
    return g.toBytes();
  }

  /** text_emb[b, c, t] = 50 * mean_over_tokens(style_ttl)[c] * (1 + sin(0.1 * id[t])) * mask[t]. */
  static byte[] textEncoder() {
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("tiny_text_encoder")
            .longInput("text_ids", "B", "T")
            .floatInput("style_ttl", "B", 50, 256)
            .floatInput("text_mask", "B", 1, "T")
            .floatOutput("text_emb", "B", 256, "T");
    String styleMean =
        g.op("ReduceMean", new String[] {"style_ttl"}, OnnxGraphBuilder.ints("axes", 1));
    String column =
        g.op("Transpose", new String[] {styleMean}, OnnxGraphBuilder.ints("perm", 0, 2, 1));
    String ids =
        g.op(
            "Unsqueeze",
            g.op("Cast", new String[] {"text_ids"}, OnnxGraphBuilder.integer("to", 1)),
            g.longs(1));
    String weight =
        g.op(
            "Mul",
            g.op("Add", g.scalar(1f), g.op("Sin", g.op("Mul", ids, g.scalar(0.1f)))),
            "text_mask");
    g.opInto("text_emb", "Mul", new String[] {g.op("Mul", column, g.scalar(50f)), weight});
    return g.toBytes();
  }

  /**
   * One Euler step of a flow towards a target: x + v / total_step with v = (target - x * (0.5 + 0.5
   * * current/total)) * latent_mask; the target is the masked mean of text_emb over the text (first
   * latent-channels rows) plus a style offset.
   */
  static byte[] vectorEstimator(ModelConfig config) {
    int channels = config.latentChannels();
    if (channels > 256) {
      throw new IllegalArgumentException(
          "tiny model needs latent channels <= 256, tts.json gives " + channels);
    }
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("tiny_vector_estimator")
            .floatInput("noisy_latent", "B", channels, "L")
            .floatInput("text_emb", "B", 256, "T")
            .floatInput("style_ttl", "B", 50, 256)
            .floatInput("text_mask", "B", 1, "T")
            .floatInput("latent_mask", "B", 1, "L")
            .floatInput("current_step", "B")
            .floatInput("total_step", "B")
            .floatOutput("denoised_latent", "B", channels, "L");
    String textSum =
        g.op("ReduceSum", new String[] {g.op("Mul", "text_emb", "text_mask"), g.longs(2)});
    String textLen = g.op("ReduceSum", new String[] {"text_mask", g.longs(2)});
    String cond = g.op("Div", textSum, textLen);
    String target = g.op("Slice", cond, g.longs(0), g.longs(channels), g.longs(1));
    String styleMean =
        g.op(
            "ReduceMean",
            new String[] {"style_ttl"},
            OnnxGraphBuilder.ints("axes", 1, 2),
            OnnxGraphBuilder.integer("keepdims", 0));
    String styleOffset = g.op("Unsqueeze", g.op("Mul", styleMean, g.scalar(10f)), g.longs(1, 2));
    target = g.op("Add", target, styleOffset);
    String progress = g.op("Div", "current_step", "total_step");
    String pull =
        g.op(
            "Unsqueeze",
            g.op("Add", g.scalar(0.5f), g.op("Mul", progress, g.scalar(0.5f))),
            g.longs(1, 2));
    String velocity =
        g.op("Mul", g.op("Sub", target, g.op("Mul", "noisy_latent", pull)), "latent_mask");
    String dt = g.op("Unsqueeze", g.op("Div", g.scalar(1f), "total_step"), g.longs(1, 2));
    g.opInto("denoised_latent", "Add", new String[] {"noisy_latent", g.op("Mul", velocity, dt)});
    return g.toBytes();
  }

  /**
   * Per latent frame, a sine tone: pitch 220..440 Hz from the mean of the first half of the
   * channels, amplitude 0.1..0.5 from the second half; each frame becomes exactly
   * samplesPerLatentFrame samples.
   */
  static byte[] vocoder(ModelConfig config) {
    return vocoder(config, 0);
  }

  /** The vocoder; with {@code maxFrames > 0}, one that fails on latents longer than that. */
  static byte[] vocoder(ModelConfig config, int maxFrames) {
    int channels = config.latentChannels();
    int frame = config.samplesPerLatentFrame();
    OnnxGraphBuilder g =
        new OnnxGraphBuilder("tiny_vocoder")
            .floatInput("latent", "B", channels, "L")
            .floatOutput("wav_tts", "B", "S");
    String low = g.op("Slice", "latent", g.longs(0), g.longs(channels / 2), g.longs(1));
    String high = g.op("Slice", "latent", g.longs(channels / 2), g.longs(channels), g.longs(1));
    String pitchStat = frameColumn(g, low);
    String loudStat = frameColumn(g, high);
    String hz =
        g.op(
            "Mul",
            g.scalar(220f),
            g.op(
                "Add",
                g.scalar(1.5f),
                g.op("Mul", g.scalar(0.5f), g.op("Tanh", g.op("Mul", pitchStat, g.scalar(3f))))));
    String amp =
        g.op(
            "Add",
            g.scalar(0.3f),
            g.op("Mul", g.scalar(0.2f), g.op("Tanh", g.op("Mul", loudStat, g.scalar(3f)))));
    float[] phase = new float[frame];
    for (int n = 0; n < frame; n++) {
      phase[n] = (float) (2 * Math.PI * n / config.sampleRate());
    }
    String ramp = g.constant(phase, 1, 1, frame);
    String wave = g.op("Mul", amp, g.op("Sin", g.op("Mul", hz, ramp)));
    if (maxFrames > 0) {
      wave = g.op("Add", wave, frameLimitProbe(g, maxFrames));
    }
    g.opInto("wav_tts", "Reshape", new String[] {wave, g.longs(0, -1)});
    return g.toBytes();
  }

  /**
   * A scalar 0 that only exists for latents of at most {@code maxFrames} frames: it reshapes the
   * first L entries of a table of {@code maxFrames} zeros to L elements, which ONNX Runtime refuses
   * at run time when the table has fewer. Part of the output, so no optimizer can drop it.
   */
  private static String frameLimitProbe(OnnxGraphBuilder g, int maxFrames) {
    String frames = g.op("Slice", g.op("Shape", "latent"), g.longs(2), g.longs(3), g.longs(0));
    // Slice clamps to the table, so this holds min(L, maxFrames) zeros; Reshape to [L] then needs
    // exactly L of them.
    String table = g.constant(new float[maxFrames], maxFrames);
    String head = g.op("Slice", table, g.longs(0), frames, g.longs(0));
    return g.op(
        "ReduceSum",
        new String[] {g.op("Reshape", head, frames)},
        OnnxGraphBuilder.integer("keepdims", 0));
  }

  /** [B, C, L] -> channel mean as [B, L, 1]. */
  private static String frameColumn(OnnxGraphBuilder g, String x) {
    String mean = g.op("ReduceMean", new String[] {x}, OnnxGraphBuilder.ints("axes", 1));
    return g.op("Transpose", new String[] {mean}, OnnxGraphBuilder.ints("perm", 0, 2, 1));
  }

  private static void copyResource(String name, Path target) throws IOException {
    try (InputStream in =
        TinyModelWriter.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException(
            "Classpath resource " + RESOURCES + name + " is missing from the build");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
