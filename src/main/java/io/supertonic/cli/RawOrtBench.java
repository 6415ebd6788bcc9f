package io.supertonic.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.supertonic.engine.AudioChunk;
import io.supertonic.engine.SupertonicEngine;
import io.supertonic.engine.SynthesisJob;
import io.supertonic.engine.SynthesisParams;
import io.supertonic.engine.VoiceStyle;
import io.supertonic.engine.VoiceStyleReader;
import io.supertonic.engine.text.TextChunk;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The engine against plain ONNX Runtime on the same graphs, texts and chunks, alternating pass by
 * pass in one process so both see the same machine. "Plain" is what upstream's helper does: default
 * session options with the same thread count, fresh input tensors for every call, the latent copied
 * back to the heap after every step, the waveform copied out.
 */
final class RawOrtBench {
  private RawOrtBench() {}

  static JsonObject run(
      SupertonicEngine engine,
      Path modelDir,
      String voice,
      double speed,
      int steps,
      int runs,
      int threads,
      PrintWriter out)
      throws Exception {
    List<BenchCommand.BenchText> texts =
        BenchCommand.TEXTS.stream().filter(t -> t.lang().equals("en")).toList();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Path onnx = modelDir.resolve("onnx");
    VoiceStyle style =
        new VoiceStyleReader(new long[] {1, 50, 256}, new long[] {1, 8, 16})
            .read(modelDir.resolve("voice_styles").resolve(voice + ".json"));
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      if (threads > 0) {
        options.setIntraOpNumThreads(threads);
      }
      try (OrtSession dp =
              env.createSession(onnx.resolve("duration_predictor.onnx").toString(), options);
          OrtSession te = env.createSession(onnx.resolve("text_encoder.onnx").toString(), options);
          OrtSession ve =
              env.createSession(onnx.resolve("vector_estimator.onnx").toString(), options);
          OrtSession voc = env.createSession(onnx.resolve("vocoder.onnx").toString(), options)) {
        Raw raw =
            new Raw(
                env,
                dp,
                te,
                ve,
                voc,
                style,
                engine.config().sampleRate(),
                engine.config().latentChannels(),
                engine.config().samplesPerLatentFrame());
        // Warmup both.
        double[] engineTotals = new double[2];
        double[] rawTotals = new double[2];
        for (int r = 0; r <= runs; r++) {
          double[] e = new double[2];
          double[] w = new double[2];
          for (BenchCommand.BenchText t : texts) {
            long start = System.nanoTime();
            SynthesisJob job =
                engine.start(new SynthesisParams(t.text(), voice, t.lang(), speed, steps, r));
            long samples = 0;
            while (job.hasNext()) {
              AudioChunk c = job.next();
              samples += c.pcm().length;
            }
            e[0] += (System.nanoTime() - start) / 1e9;
            e[1] += samples / (double) job.sampleRate();
            start = System.nanoTime();
            Iterator<TextChunk> chunks = engine.text().chunks(t.text(), t.lang());
            long rawSamples = 0;
            while (chunks.hasNext()) {
              rawSamples += raw.chunk(chunks.next().ids(), speed, steps, r).length;
            }
            w[0] += (System.nanoTime() - start) / 1e9;
            w[1] += rawSamples / (double) engine.config().sampleRate();
          }
          if (r > 0) {
            engineTotals[0] += e[0];
            engineTotals[1] += e[1];
            rawTotals[0] += w[0];
            rawTotals[1] += w[1];
            out.printf(
                Locale.ROOT,
                "run %d: engine RTF %.3f, raw ONNX Runtime RTF %.3f%n",
                r,
                e[0] / e[1],
                w[0] / w[1]);
          }
        }
        double engineRtf = engineTotals[0] / engineTotals[1];
        double rawRtf = rawTotals[0] / rawTotals[1];
        out.printf(
            Locale.ROOT,
            "engine RTF %.3f, raw RTF %.3f: the engine takes %.3fx the raw runtime's time per second of audio%n",
            engineRtf,
            rawRtf,
            engineRtf / rawRtf);
        out.flush();
        return new JsonObject()
            .put("engine_rtf", Math.round(engineRtf * 1e4) / 1e4)
            .put("raw_rtf", Math.round(rawRtf * 1e4) / 1e4)
            .put("engine_over_raw", Math.round(engineRtf / rawRtf * 1e3) / 1e3)
            .put("runs", runs)
            .put("total_steps", steps)
            .put("texts", texts.size());
      }
    }
  }

  /** Upstream helper's inference for a batch of one, on plain sessions. */
  private record Raw(
      OrtEnvironment env,
      OrtSession dp,
      OrtSession te,
      OrtSession ve,
      OrtSession voc,
      VoiceStyle style,
      int sampleRate,
      int channels,
      int frame) {

    float[] chunk(long[] ids, double speed, int steps, long seed) throws OrtException {
      int t = ids.length;
      float[] ones = new float[t];
      Arrays.fill(ones, 1f);
      try (OnnxTensor idsT = OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, t});
          OnnxTensor mask =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(ones), new long[] {1, 1, t});
          OnnxTensor ttl =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(style.ttl()), style.ttlShape());
          OnnxTensor dpStyle =
              OnnxTensor.createTensor(env, FloatBuffer.wrap(style.dp()), style.dpShape())) {
        double seconds;
        try (OrtSession.Result r =
            dp.run(Map.of("text_ids", idsT, "style_dp", dpStyle, "text_mask", mask))) {
          seconds = ((OnnxTensor) r.get(0)).getFloatBuffer().get(0) / speed;
        }
        int samples = (int) (seconds * sampleRate);
        int l = Math.max(1, (samples + frame - 1) / frame);
        float[] textEmb;
        try (OrtSession.Result r =
            te.run(Map.of("text_ids", idsT, "style_ttl", ttl, "text_mask", mask))) {
          FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
          textEmb = new float[b.remaining()];
          b.get(textEmb);
        }
        Random random = new Random(seed);
        float[] latent = new float[channels * l];
        for (int i = 0; i < latent.length; i++) {
          latent[i] = (float) random.nextGaussian();
        }
        float[] latentMask = new float[l];
        Arrays.fill(latentMask, 1f);
        for (int step = 0; step < steps; step++) {
          try (OnnxTensor x =
                  OnnxTensor.createTensor(
                      env, FloatBuffer.wrap(latent), new long[] {1, channels, l});
              OnnxTensor emb =
                  OnnxTensor.createTensor(env, FloatBuffer.wrap(textEmb), new long[] {1, 256, t});
              OnnxTensor lm =
                  OnnxTensor.createTensor(env, FloatBuffer.wrap(latentMask), new long[] {1, 1, l});
              OnnxTensor cur = OnnxTensor.createTensor(env, new float[] {step});
              OnnxTensor tot = OnnxTensor.createTensor(env, new float[] {steps});
              OrtSession.Result r =
                  ve.run(
                      Map.of(
                          "noisy_latent",
                          x,
                          "text_emb",
                          emb,
                          "style_ttl",
                          ttl,
                          "text_mask",
                          mask,
                          "latent_mask",
                          lm,
                          "current_step",
                          cur,
                          "total_step",
                          tot))) {
            ((OnnxTensor) r.get(0)).getFloatBuffer().get(latent);
          }
        }
        try (OnnxTensor x =
                OnnxTensor.createTensor(
                    env, FloatBuffer.wrap(latent), new long[] {1, channels, l});
            OrtSession.Result r = voc.run(Map.of("latent", x))) {
          FloatBuffer b = ((OnnxTensor) r.get(0)).getFloatBuffer();
          float[] wav = new float[Math.min(samples, b.remaining())];
          b.get(wav);
          return wav;
        }
      }
    }
  }
}
