package io.supertonic.engine.tiny;

import static io.supertonic.engine.tiny.OnnxGraphBuilder.integer;
import static io.supertonic.engine.tiny.OnnxGraphBuilder.ints;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * The four benchmark graphs, built from tts.json's sizes. Each layer is what costs time in the real
 * network (depthwise-dilated ConvNeXt blocks, multi-head attention, a wide vocoder head) with plain
 * random weights: the point is the arithmetic per latent frame, not the sound.
 */
final class BenchGraphs {
  private static final String PRODUCER = "supertonic-server bench model";

  private final JsonObject cfg;
  private final int vocab;
  private final int divisor;
  private final long seed;

  BenchGraphs(JsonObject cfg, int vocab, int divisor, long seed) {
    this.cfg = cfg;
    this.vocab = vocab;
    this.divisor = divisor;
    this.seed = seed;
  }

  /** A hidden width, shrunk by the divisor (contract widths are never passed through here). */
  private int hidden(int width) {
    return Math.max(8, width / divisor);
  }

  long durationPredictor(Path file) throws IOException {
    Net g = new Net("duration_predictor", seed, 1);
    g.b
        .longInput("text_ids", "B", "T")
        .floatInput("style_dp", "B", 8, 16)
        .floatInput("text_mask", "B", 1, "T")
        .floatOutput("duration", "B");
    int d = hidden(64);
    String x =
        g.b.op("Gather", new String[] {g.normal(0.5, vocab, d), "text_ids"}, integer("axis", 0));
    for (int dil : new int[] {1, 2, 4, 1}) {
      x = g.convNext(x, d, 5, hidden(256), dil);
    }
    String m = g.b.op("Transpose", new String[] {"text_mask"}, ints("perm", 0, 2, 1));
    x = g.b.op("Mul", x, m);
    String pooled =
        g.b.op(
            "Div",
            g.b.op("ReduceSum", new String[] {x, g.b.longs(1)}, integer("keepdims", 0)),
            g.b.op("ReduceSum", new String[] {m, g.b.longs(1)}, integer("keepdims", 0)));
    String style = g.b.op("Flatten", new String[] {"style_dp"}, integer("axis", 1));
    String z = g.b.op("Add", g.linear(pooled, d, 1, 0.05), g.linear(style, 128, 1, 0.05));
    String chars =
        g.b.op("ReduceSum", new String[] {"text_mask", g.b.longs(1, 2)}, integer("keepdims", 0));
    String factor =
        g.b.op(
            "Add",
            g.b.scalar(1f),
            g.b.op("Mul", g.b.op("Tanh", g.b.op("Squeeze", z, g.b.longs(1))), g.b.scalar(0.1f)));
    g.b.opInto("duration", "Mul", new String[] {g.b.op("Mul", chars, g.b.scalar(0.065f)), factor});
    return g.save(file);
  }

  long textEncoder(Path file) throws IOException {
    JsonObject ttl = cfg.getJsonObject("ttl");
    JsonObject te = ttl.getJsonObject("text_encoder");
    JsonObject sp = ttl.getJsonObject("speech_prompted_text_encoder");
    Net g = new Net("text_encoder", seed, 2);
    g.b
        .longInput("text_ids", "B", "T")
        .floatInput("style_ttl", "B", 50, 256)
        .floatInput("text_mask", "B", 1, "T")
        .floatOutput("text_emb", "B", 256, "T");
    int d = hidden(te.getJsonObject("text_embedder").getInteger("char_emb_dim"));
    String x =
        g.b.op("Gather", new String[] {g.normal(0.5, vocab, d), "text_ids"}, integer("axis", 0));
    JsonObject cn = te.getJsonObject("convnext");
    for (int dil : dilations(cn)) {
      x = g.convNext(x, d, cn.getInteger("ksz"), hidden(cn.getInteger("intermediate_dim")), dil);
    }
    JsonObject ae = te.getJsonObject("attn_encoder");
    int filter = hidden(ae.getInteger("filter_channels"));
    for (int i = 0; i < ae.getInteger("n_layers"); i++) {
      String n = g.layerNorm(x, d);
      x =
          g.attention(
              n, n, d, d, hidden(ae.getInteger("hidden_channels")), ae.getInteger("n_heads"));
      String f =
          g.linear(
              g.gelu(g.linear(g.layerNorm(x, d), d, filter, -1)),
              filter,
              d,
              0.1 / Math.sqrt(filter));
      x = g.b.op("Add", x, f);
    }
    // Text attends to the 50 style tokens (the speech-prompted text encoder).
    x =
        g.attention(
            x,
            "style_ttl",
            d,
            sp.getInteger("style_dim"),
            hidden(sp.getInteger("n_units")),
            sp.getInteger("n_heads"));
    x = g.linear(x, d, te.getJsonObject("proj_out").getInteger("odim"), -1);
    String m = g.b.op("Transpose", new String[] {"text_mask"}, ints("perm", 0, 2, 1));
    x = g.b.op("Mul", x, m);
    g.b.opInto("text_emb", "Transpose", new String[] {x}, ints("perm", 0, 2, 1));
    return g.save(file);
  }

  long vectorEstimator(Path file) throws IOException {
    JsonObject ttl = cfg.getJsonObject("ttl");
    JsonObject vf = ttl.getJsonObject("vector_field");
    int lat = ttl.getInteger("latent_dim") * ttl.getInteger("chunk_compress_factor");
    int d = hidden(vf.getJsonObject("proj_in").getInteger("odim"));
    JsonObject mb = vf.getJsonObject("main_blocks");
    JsonObject time = vf.getJsonObject("time_encoder");
    Net g = new Net("vector_estimator", seed, 3);
    g.b
        .floatInput("noisy_latent", "B", lat, "L")
        .floatInput("text_emb", "B", 256, "T")
        .floatInput("style_ttl", "B", 50, 256)
        .floatInput("text_mask", "B", 1, "T")
        .floatInput("latent_mask", "B", 1, "L")
        .floatInput("current_step", "B")
        .floatInput("total_step", "B")
        .floatOutput("denoised_latent", "B", lat, "L");
    String x =
        g.linear(
            g.b.op("Transpose", new String[] {"noisy_latent"}, ints("perm", 0, 2, 1)), lat, d, -1);
    String t =
        g.b.op("Unsqueeze", g.b.op("Div", "current_step", "total_step"), g.b.longs(1)); // [B,1]
    int timeDim = time.getInteger("time_dim");
    int timeHidden = hidden(time.getInteger("hdim"));
    String temb =
        g.gelu(g.linear(g.b.op("MatMul", t, g.normal(1.0, 1, timeDim)), timeDim, timeHidden, -1));
    temb = g.b.op("Unsqueeze", g.linear(temb, timeHidden, d, 0.02), g.b.longs(1)); // [B,1,d]
    String styleMean =
        g.b.op("ReduceMean", new String[] {"style_ttl"}, ints("axes", 1), integer("keepdims", 1));
    String semb = g.linear(styleMean, 256, d, 0.02);
    String text = g.b.op("Transpose", new String[] {"text_emb"}, ints("perm", 0, 2, 1));
    JsonObject tc = mb.getJsonObject("text_cond_layer");
    for (int i = 0; i < mb.getInteger("n_blocks"); i++) {
      x = g.b.op("Add", g.b.op("Add", x, temb), semb);
      x =
          g.attention(
              g.layerNorm(x, d),
              text,
              d,
              tc.getInteger("text_dim"),
              hidden(tc.getInteger("n_units")),
              tc.getInteger("n_heads"));
      for (String key : new String[] {"convnext_0", "convnext_1", "convnext_2"}) {
        JsonObject cn = mb.getJsonObject(key);
        for (int dil : dilations(cn)) {
          x =
              g.convNext(
                  x, d, cn.getInteger("ksz"), hidden(cn.getInteger("intermediate_dim")), dil);
        }
      }
    }
    JsonObject last = vf.getJsonObject("last_convnext");
    for (int dil : dilations(last)) {
      x =
          g.convNext(
              x, d, last.getInteger("ksz"), hidden(last.getInteger("intermediate_dim")), dil);
    }
    String v =
        g.b.op(
            "Transpose",
            new String[] {g.linear(x, d, lat, 0.01)},
            ints("perm", 0, 2, 1)); // [B,lat,L]
    v = g.b.op("Mul", v, "latent_mask");
    String step = g.b.op("Unsqueeze", g.b.op("Div", g.b.scalar(1f), "total_step"), g.b.longs(1, 2));
    g.b.opInto("denoised_latent", "Add", new String[] {"noisy_latent", g.b.op("Mul", v, step)});
    return g.save(file);
  }

  long vocoder(Path file) throws IOException {
    JsonObject ttl = cfg.getJsonObject("ttl");
    JsonObject ae = cfg.getJsonObject("ae");
    int ldim = ttl.getInteger("latent_dim");
    int ccf = ttl.getInteger("chunk_compress_factor");
    int chunk = ae.getInteger("base_chunk_size");
    JsonObject dec = ae.getJsonObject("decoder");
    int hd = hidden(dec.getInteger("hdim"));
    Net g = new Net("vocoder", seed, 4);
    g.b.floatInput("latent", "B", ldim * ccf, "L").floatOutput("wav_tts", "B", "S");
    // [B,144,L] -> [B,24,6L]: undo the chunk compression.
    String x = g.b.op("Reshape", "latent", g.b.longs(0, ldim, ccf, -1));
    x = g.b.op("Transpose", new String[] {x}, ints("perm", 0, 1, 3, 2));
    x = g.b.op("Reshape", x, g.b.longs(0, ldim, -1));
    int k0 = dec.getInteger("ksz_init");
    x = g.conv(x, ldim, hd, k0);
    x = g.b.op("Transpose", new String[] {x}, ints("perm", 0, 2, 1)); // [B,6L,hd]
    for (int dil : dilations(dec)) {
      x = g.convNext(x, hd, dec.getInteger("ksz"), hidden(dec.getInteger("intermediate_dim")), dil);
    }
    JsonObject head = dec.getJsonObject("head");
    int headWidth = hidden(head.getInteger("hdim"));
    String y =
        g.conv(
            g.b.op("Transpose", new String[] {x}, ints("perm", 0, 2, 1)),
            hd,
            headWidth,
            head.getInteger("ksz"));
    y = g.gelu(g.b.op("Transpose", new String[] {y}, ints("perm", 0, 2, 1)));
    y = g.linear(y, headWidth, chunk, 0.3 / Math.sqrt(headWidth)); // [B,6L,512]
    y = g.b.op("Tanh", y);
    g.b.opInto("wav_tts", "Reshape", new String[] {y, g.b.longs(0, -1)});
    return g.save(file);
  }

  private static int[] dilations(JsonObject convNext) {
    JsonArray list = convNext.getJsonArray("dilation_lst");
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.getInteger(i);
    }
    return out;
  }

  /** One graph under construction: a builder, a seeded generator and a parameter count. */
  private static final class Net {
    final OnnxGraphBuilder b;
    private final Random random;
    private long parameters;

    Net(String name, long seed, int graph) {
      this.b = new OnnxGraphBuilder(name, PRODUCER);
      // One generator per graph, so each graph's bytes depend only on the seed and its own sizes.
      this.random = new Random(seed * 31 + graph);
    }

    /**
     * Gaussian weights; std -1 means 1/sqrt(fan-in) (first dim for matrices, the rest for convs).
     */
    String normal(double std, long... dims) {
      long count = Arrays.stream(dims).reduce(1, (a, c) -> a * c);
      if (std < 0) {
        long fanIn = dims.length == 2 ? dims[0] : count / dims[0];
        std = 1.0 / Math.sqrt(Math.max(fanIn, 1));
      }
      float[] values = new float[Math.toIntExact(count)];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) (random.nextGaussian() * std);
      }
      parameters += count;
      return b.weight(values, dims);
    }

    String filled(float value, int n) {
      float[] values = new float[n];
      Arrays.fill(values, value);
      parameters += n;
      return b.weight(values, n);
    }

    /** x [..., in] -> [..., out]; std -1 means 1/sqrt(in). */
    String linear(String x, int in, int out, double std) {
      String y = b.op("MatMul", x, normal(std, in, out));
      return b.op("Add", y, normal(1e-3, out));
    }

    String gelu(String x) {
      String e = b.op("Erf", b.op("Div", x, b.scalar((float) Math.sqrt(2.0))));
      return b.op("Mul", b.op("Mul", x, b.scalar(0.5f)), b.op("Add", e, b.scalar(1f)));
    }

    String layerNorm(String x, int d) {
      return b.op(
          "LayerNormalization",
          new String[] {x, filled(1f, d), filled(0f, d)},
          integer("axis", -1));
    }

    /** Plain 1-D convolution on [B,C,T], same padding. */
    String conv(String x, int in, int out, int k) {
      return b.op(
          "Conv",
          new String[] {x, normal(-1, out, in, k), normal(1e-3, out)},
          ints("kernel_shape", k),
          ints("pads", k / 2, k / 2));
    }

    /**
     * ConvNeXt block on [B,T,C]: depthwise dilated conv, LN, pointwise up, GELU, down, residual.
     */
    String convNext(String x, int d, int k, int inter, int dilation) {
      String xc = b.op("Transpose", new String[] {x}, ints("perm", 0, 2, 1));
      int pad = dilation * (k - 1) / 2;
      String dw =
          b.op(
              "Conv",
              new String[] {xc, normal(1.0 / k, d, 1, k), normal(1e-3, d)},
              integer("group", d),
              ints("kernel_shape", k),
              ints("dilations", dilation),
              ints("pads", pad, pad));
      String y = b.op("Transpose", new String[] {dw}, ints("perm", 0, 2, 1));
      y = layerNorm(y, d);
      y = gelu(linear(y, d, inter, -1));
      y = linear(y, inter, d, 0.1 / Math.sqrt(inter));
      return b.op("Add", x, y);
    }

    /** Multi-head attention of [B,Tq,dq] over [B,Tk,dkv], returned as a residual on the query. */
    String attention(String query, String keys, int dq, int dkv, int units, int heads) {
      int dh = units / heads;
      String split = b.longs(0, 0, heads, dh);
      String q = heads(linear(query, dq, units, -1), split);
      String k = heads(linear(keys, dkv, units, -1), split);
      String v = heads(linear(keys, dkv, units, -1), split);
      String kt = b.op("Transpose", new String[] {k}, ints("perm", 0, 1, 3, 2));
      String s = b.op("Mul", b.op("MatMul", q, kt), b.scalar((float) (1.0 / Math.sqrt(dh))));
      String a = b.op("Softmax", new String[] {s}, integer("axis", -1));
      String o = b.op("Transpose", new String[] {b.op("MatMul", a, v)}, ints("perm", 0, 2, 1, 3));
      o = b.op("Reshape", o, b.longs(0, 0, units));
      o = linear(o, units, dq, 0.1 / Math.sqrt(units));
      return b.op("Add", query, o);
    }

    private String heads(String x, String split) {
      return b.op("Transpose", new String[] {b.op("Reshape", x, split)}, ints("perm", 0, 2, 1, 3));
    }

    long save(Path file) throws IOException {
      b.writeTo(file);
      return parameters;
    }
  }
}
