#!/usr/bin/python3
"""Write a Supertonic-shaped model directory with random weights and the real model's compute profile.

The four graphs keep the real input/output contract (names, dtypes, ranks) and are sized from the
published tts.json (ConvNeXt widths, depths, kernel sizes, dilations, attention widths), so that CPU time
per second of audio is comparable to the real Supertonic-3 (about 95M parameters here). The audio is
noise, not speech. Debian's python3-onnx and numpy are enough.

usage: make_bench_model.py MODEL_DIR OUT_DIR   (MODEL_DIR: e.g. the output of `tiny-model --out`)
"""
import json, os, shutil, sys
import numpy as np
import onnx
from onnx import helper as h, TensorProto as TP, numpy_helper as nh

rng = np.random.default_rng(1234)
OPSET = 17


class G:
    """Tiny graph builder: unique names, initializers, nodes."""
    def __init__(self, name):
        self.name, self.nodes, self.inits, self.n = name, [], [], 0

    def uid(self, p):
        self.n += 1
        return f"{p}_{self.n}"

    def w(self, shape, std=None, p="w", value=None):
        name = self.uid(p)
        if value is None:
            fan_in = shape[0] if len(shape) == 2 else int(np.prod(shape[1:]))
            std = std if std is not None else 1.0 / np.sqrt(max(fan_in, 1))
            value = (rng.standard_normal(shape) * std).astype(np.float32)
        self.inits.append(nh.from_array(np.asarray(value), name))
        return name

    def c(self, arr, p="c"):
        return self.w(None, value=np.asarray(arr), p=p)

    def op(self, op_type, inputs, p=None, **attrs):
        out = self.uid(p or op_type.lower())
        self.nodes.append(h.make_node(op_type, inputs, [out], **attrs))
        return out

    def linear(self, x, din, dout, std=None):  # x [..., din]
        y = self.op("MatMul", [x, self.w([din, dout], std)])
        return self.op("Add", [y, self.w([dout], 0.0 + 1e-3)])

    def gelu(self, x):
        s = self.op("Div", [x, self.c(np.float32(np.sqrt(2.0)))])
        e = self.op("Erf", [s])
        e1 = self.op("Add", [e, self.c(np.float32(1.0))])
        hx = self.op("Mul", [x, self.c(np.float32(0.5))])
        return self.op("Mul", [hx, e1])

    def layernorm(self, x, d):  # over last axis
        return self.op("LayerNormalization", [x, self.w(None, value=np.ones(d, np.float32)), self.w(None, value=np.zeros(d, np.float32))], axis=-1)

    def convnext_btc(self, x, d, k, inter, dil):
        """ConvNeXt block on [B,T,C]: depthwise conv, LN, pointwise up, GELU, down, residual."""
        xc = self.op("Transpose", [x], perm=[0, 2, 1])
        pad = dil * (k - 1) // 2
        dw = self.op("Conv", [xc, self.w([d, 1, k], 1.0 / k), self.w([d], 0.0 + 1e-3)], group=d, kernel_shape=[k], dilations=[dil], pads=[pad, pad])
        y = self.op("Transpose", [dw], perm=[0, 2, 1])
        y = self.layernorm(y, d)
        y = self.gelu(self.linear(y, d, inter))
        y = self.linear(y, inter, d, std=0.1 / np.sqrt(inter))
        return self.op("Add", [x, y])

    def attention(self, q_in, kv_in, dq, dkv, units, heads):
        """Multi-head attention on [B,Tq,dq] attending to [B,Tk,dkv]; returns [B,Tq,dq] residual."""
        dh = units // heads
        shape = self.c(np.array([0, 0, heads, dh], np.int64))
        def split(t):
            r = self.op("Reshape", [t, shape])
            return self.op("Transpose", [r], perm=[0, 2, 1, 3])
        q = split(self.linear(q_in, dq, units))
        k = split(self.linear(kv_in, dkv, units))
        v = split(self.linear(kv_in, dkv, units))
        kt = self.op("Transpose", [k], perm=[0, 1, 3, 2])
        s = self.op("Mul", [self.op("MatMul", [q, kt]), self.c(np.float32(1.0 / np.sqrt(dh)))])
        a = self.op("Softmax", [s], axis=-1)
        o = self.op("Transpose", [self.op("MatMul", [a, v])], perm=[0, 2, 1, 3])
        o = self.op("Reshape", [o, self.c(np.array([0, 0, units], np.int64))])
        o = self.linear(o, units, dq, std=0.1 / np.sqrt(units))
        return self.op("Add", [q_in, o])

    def save(self, inputs, outputs, path):
        graph = h.make_graph(self.nodes, self.name, inputs, outputs, self.inits)
        model = h.make_model(graph, opset_imports=[h.make_opsetid("", OPSET)], producer_name="bench-model")
        model.ir_version = 8
        onnx.checker.check_model(model)
        onnx.save(model, path)
        return sum(int(np.prod(i.dims)) for i in self.inits)


def vi(name, dtype, dims):
    return h.make_tensor_value_info(name, dtype, dims)


def duration_predictor(cfg, vocab, path):
    g = G("duration_predictor")
    emb = g.op("Gather", [g.w([vocab, 64], 0.5), "text_ids"], axis=0)      # [B,T,64]
    x = emb
    for dil in (1, 2, 4, 1):
        x = g.convnext_btc(x, 64, 5, 256, dil)
    m = g.op("Transpose", ["text_mask"], perm=[0, 2, 1])                    # [B,T,1]
    x = g.op("Mul", [x, m])
    pooled = g.op("Div", [g.op("ReduceSum", [x, g.c(np.array([1], np.int64))], keepdims=0),
                          g.op("ReduceSum", [m, g.c(np.array([1], np.int64))], keepdims=0)])   # [B,64]
    style = g.op("Flatten", ["style_dp"], axis=1)  # [B,128]
    z = g.op("Add", [g.linear(pooled, 64, 1, 0.05), g.linear(style, 128, 1, 0.05)])             # [B,1]
    chars = g.op("ReduceSum", ["text_mask", g.c(np.array([1, 2], np.int64))], keepdims=0)       # [B]
    factor = g.op("Add", [g.c(np.float32(1.0)), g.op("Mul", [g.op("Tanh", [g.op("Squeeze", [z, g.c(np.array([1], np.int64))])]), g.c(np.float32(0.1))])])
    g.nodes.append(h.make_node("Mul", [g.op("Mul", [chars, g.c(np.float32(0.065))]), factor], ["duration"]))
    return g.save([vi("text_ids", TP.INT64, ["B", "T"]), vi("style_dp", TP.FLOAT, ["B", 8, 16]), vi("text_mask", TP.FLOAT, ["B", 1, "T"])],
                  [vi("duration", TP.FLOAT, ["B"])], path)


def text_encoder(cfg, vocab, path):
    te, sp = cfg["ttl"]["text_encoder"], cfg["ttl"]["speech_prompted_text_encoder"]
    d = te["text_embedder"]["char_emb_dim"]
    g = G("text_encoder")
    x = g.op("Gather", [g.w([vocab, d], 0.5), "text_ids"], axis=0)          # [B,T,256]
    cn = te["convnext"]
    for dil in cn["dilation_lst"]:
        x = g.convnext_btc(x, cn["idim"], cn["ksz"], cn["intermediate_dim"], dil)
    ae = te["attn_encoder"]
    for _ in range(ae["n_layers"]):
        x = g.attention(g.layernorm(x, d), g.layernorm(x, d), d, d, ae["hidden_channels"], ae["n_heads"])
        f = g.linear(g.gelu(g.linear(g.layernorm(x, d), d, ae["filter_channels"])), ae["filter_channels"], d, 0.1 / np.sqrt(ae["filter_channels"]))
        x = g.op("Add", [x, f])
    x = g.attention(x, "style_ttl", d, sp["style_dim"], sp["n_units"], sp["n_heads"])   # text attends to style tokens
    x = g.linear(x, d, te["proj_out"]["odim"])
    m = g.op("Transpose", ["text_mask"], perm=[0, 2, 1])
    x = g.op("Mul", [x, m])
    g.nodes.append(h.make_node("Transpose", [x], ["text_emb"], perm=[0, 2, 1]))         # [B,256,T]
    return g.save([vi("text_ids", TP.INT64, ["B", "T"]), vi("style_ttl", TP.FLOAT, ["B", 50, 256]), vi("text_mask", TP.FLOAT, ["B", 1, "T"])],
                  [vi("text_emb", TP.FLOAT, ["B", 256, "T"])], path)


def vector_estimator(cfg, path):
    vf = cfg["ttl"]["vector_field"]
    lat = cfg["ttl"]["latent_dim"] * cfg["ttl"]["chunk_compress_factor"]      # 144
    d = vf["proj_in"]["odim"]                                                 # 512
    mb = vf["main_blocks"]
    g = G("vector_estimator")
    x = g.linear(g.op("Transpose", ["noisy_latent"], perm=[0, 2, 1]), lat, d)  # [B,L,512]
    t = g.op("Div", ["current_step", "total_step"])                            # [B]
    t = g.op("Unsqueeze", [t, g.c(np.array([1], np.int64))])                    # [B,1]
    temb = g.gelu(g.linear(g.op("MatMul", [t, g.w([1, vf["time_encoder"]["time_dim"]], 1.0)]), vf["time_encoder"]["time_dim"], vf["time_encoder"]["hdim"]))
    temb = g.op("Unsqueeze", [g.linear(temb, vf["time_encoder"]["hdim"], d, 0.02), g.c(np.array([1], np.int64))])  # [B,1,512]
    smean = g.op("ReduceMean", ["style_ttl"], axes=[1], keepdims=1)                        # [B,1,256]
    semb = g.linear(smean, 256, d, 0.02)
    text = g.op("Transpose", ["text_emb"], perm=[0, 2, 1])                      # [B,T,256]
    tc = mb["text_cond_layer"]
    for _ in range(mb["n_blocks"]):
        x = g.op("Add", [g.op("Add", [x, temb]), semb])
        x = g.attention(g.layernorm(x, d), text, d, tc["text_dim"], tc["n_units"], tc["n_heads"])
        for key in ("convnext_0", "convnext_1", "convnext_2"):
            cn = mb[key]
            for dil in cn["dilation_lst"]:
                x = g.convnext_btc(x, cn["idim"], cn["ksz"], cn["intermediate_dim"], dil)
    cn = vf["last_convnext"]
    for dil in cn["dilation_lst"]:
        x = g.convnext_btc(x, cn["idim"], cn["ksz"], cn["intermediate_dim"], dil)
    v = g.op("Transpose", [g.linear(x, d, lat, 0.01)], perm=[0, 2, 1])          # [B,144,L]
    v = g.op("Mul", [v, "latent_mask"])
    step = g.op("Unsqueeze", [g.op("Div", [g.c(np.float32(1.0)), "total_step"]), g.c(np.array([1, 2], np.int64))])
    g.nodes.append(h.make_node("Add", ["noisy_latent", g.op("Mul", [v, step])], ["denoised_latent"]))
    return g.save([vi("noisy_latent", TP.FLOAT, ["B", lat, "L"]), vi("text_emb", TP.FLOAT, ["B", 256, "T"]), vi("style_ttl", TP.FLOAT, ["B", 50, 256]),
                   vi("text_mask", TP.FLOAT, ["B", 1, "T"]), vi("latent_mask", TP.FLOAT, ["B", 1, "L"]),
                   vi("current_step", TP.FLOAT, ["B"]), vi("total_step", TP.FLOAT, ["B"])],
                  [vi("denoised_latent", TP.FLOAT, ["B", lat, "L"])], path)


def vocoder(cfg, path):
    ae, ttl = cfg["ae"], cfg["ttl"]
    ldim, ccf, chunk = ttl["latent_dim"], ttl["chunk_compress_factor"], ae["base_chunk_size"]
    dec = ae["decoder"]
    hd = dec["hdim"]
    g = G("vocoder")
    # [B,144,L] -> [B,24,6L]: undo the chunk compression
    x = g.op("Reshape", ["latent", g.c(np.array([0, ldim, ccf, -1], np.int64))])        # [B,24,6,L]
    x = g.op("Transpose", [x], perm=[0, 1, 3, 2])                                        # [B,24,L,6]
    x = g.op("Reshape", [x, g.c(np.array([0, ldim, -1], np.int64))])                      # [B,24,6L]
    k0 = dec["ksz_init"]
    x = g.op("Conv", [x, g.w([hd, ldim, k0]), g.w([hd], 1e-3)], kernel_shape=[k0], pads=[k0 // 2, k0 // 2])  # [B,512,6L]
    x = g.op("Transpose", [x], perm=[0, 2, 1])                                           # [B,6L,512]
    for dil in dec["dilation_lst"]:
        x = g.convnext_btc(x, hd, dec["ksz"], dec["intermediate_dim"], dil)
    hh = dec["head"]
    y = g.op("Conv", [g.op("Transpose", [x], perm=[0, 2, 1]), g.w([hh["hdim"], hh["idim"], hh["ksz"]]), g.w([hh["hdim"]], 1e-3)],
             kernel_shape=[hh["ksz"]], pads=[hh["ksz"] // 2, hh["ksz"] // 2])            # [B,2048,6L]
    y = g.gelu(g.op("Transpose", [y], perm=[0, 2, 1]))
    y = g.linear(y, hh["hdim"], chunk, 0.3 / np.sqrt(hh["hdim"]))                         # [B,6L,512]
    y = g.op("Tanh", [y])
    g.nodes.append(h.make_node("Reshape", [y, g.c(np.array([0, -1], np.int64))], ["wav_tts"]))  # [B, L*3072]
    return g.save([vi("latent", TP.FLOAT, ["B", ldim * ccf, "L"])], [vi("wav_tts", TP.FLOAT, ["B", "S"])], path)


def main():
    src, out = sys.argv[1], sys.argv[2]
    # A model directory as the server lays it out (onnx/tts.json, e.g. from `tiny-model --out`)
    # or a flat one with tts.json next to voice_styles/.
    cfg_dir = os.path.join(src, "onnx") if os.path.exists(os.path.join(src, "onnx", "tts.json")) else src
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)
    shutil.copy(os.path.join(cfg_dir, "tts.json"), os.path.join(out, "onnx", "tts.json"))
    shutil.copy(os.path.join(cfg_dir, "unicode_indexer.json"), os.path.join(out, "onnx", "unicode_indexer.json"))
    shutil.copytree(os.path.join(src, "voice_styles"), os.path.join(out, "voice_styles"), dirs_exist_ok=True)
    cfg = json.load(open(os.path.join(cfg_dir, "tts.json")))
    vocab = max(json.load(open(os.path.join(cfg_dir, "unicode_indexer.json")))) + 1
    total = 0
    for name, fn in (("duration_predictor", lambda p: duration_predictor(cfg, vocab, p)),
                     ("text_encoder", lambda p: text_encoder(cfg, vocab, p)),
                     ("vector_estimator", lambda p: vector_estimator(cfg, p)),
                     ("vocoder", lambda p: vocoder(cfg, p))):
        n = fn(os.path.join(out, "onnx", name + ".onnx"))
        total += n
        print(f"{name}: {n / 1e6:.1f}M parameters")
    print(f"total: {total / 1e6:.1f}M parameters")


if __name__ == "__main__":
    main()
