#!/usr/bin/python3
"""Generate a random-weight BERT encoder in the Hugging Face / transformers.js layout.

Fully offline: needs only numpy + onnx (Debian: python3-numpy python3-onnx).

Output folder layout (what @xenova/transformers v2 expects for a local model):
    <out>/config.json               model_type "bert" (+ usual BertConfig fields)
    <out>/tokenizer.json            `tokenizers` JSON: BertNormalizer, BertPreTokenizer,
                                    WordPiece model, TemplateProcessing ([CLS] A [SEP])
    <out>/tokenizer_config.json     tokenizer_class BertTokenizer, special tokens, model_max_length
    <out>/special_tokens_map.json   (not needed by transformers.js; HF compatibility)
    <out>/vocab.txt                 (not needed by transformers.js; HF compatibility)
    <out>/onnx/model.onnx           fp32 graph
    <out>/onnx/model_quantized.onnx real dynamic 8-bit quantization, same scheme as
                                    onnxruntime.quantization.quantize_dynamic:
                                    MatMul -> DynamicQuantizeLinear + MatMulInteger (int8 weights),
                                    word-embedding Gather -> uint8 table + DequantizeLinear
                                    (or a plain copy of model.onnx with --quantized-copy)

ONNX interface: int64 input_ids / attention_mask / token_type_ids [batch_size, sequence_length]
-> float32 last_hidden_state [batch_size, sequence_length, hidden].

With --selftest FILE, writes a JSON with sample inputs + numpy reference outputs and
reference tokenizations (a Python re-implementation of BERT basic+WordPiece tokenization)
so the graph and tokenizer.json can be cross-checked from Node.
"""
import argparse
import glob
import json
import math
import os
import shutil
import sys
import unicodedata

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as e:  # say what to install instead of a traceback
    sys.exit(f"gen_bert_onnx.py: Python module '{e.name}' is missing. Install Debian's packages with "
             f"'apt-get install -y python3-onnx python3-numpy' and run this script with /usr/bin/python3.")

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
OPSET = 14


# ----------------------------------------------------------------------------------------
# character classes (same definitions as HF BertTokenizer / transformers.js BertNormalizer)
# ----------------------------------------------------------------------------------------
def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")


def is_ws(ch):
    return ch.isspace()


def strip_accents(text):
    return "".join(c for c in unicodedata.normalize("NFD", text) if not (0x300 <= ord(c) <= 0x36F))


# ----------------------------------------------------------------------------------------
# vocabulary
# ----------------------------------------------------------------------------------------
def parse_range(s):
    a, b = s.split("-")
    return int(a, 16), int(b, 16)


def build_vocab(args):
    toks = []
    seen = set()

    def add(t):
        if t not in seen:
            seen.add(t)
            toks.append(t)

    for t in SPECIALS:
        add(t)

    singles = []  # single-character tokens, in order
    for cp in range(33, 127):  # printable ASCII, no space
        singles.append(chr(cp))

    extra = set()
    files = list(args.chars_file or [])
    for d in args.chars_dir or []:
        files += sorted(glob.glob(os.path.join(d, "*.txt")))
    for f in files:
        with open(f, encoding="utf-8") as fh:
            extra |= set(fh.read())
    extra = sorted(c for c in extra
                   if not is_ws(c) and not is_control(c) and ord(c) not in (0, 0xFFFD) and ord(c) >= 127)
    singles += extra
    for r in args.cjk_range or []:
        a, b = parse_range(r)
        singles += [chr(cp) for cp in range(a, b + 1)]
    if args.lowercase:
        # the normalizer lowercases + strips accents: make sure normalized forms exist too
        singles += [strip_accents(c.lower()) for c in list(singles)]
        singles = [c for c in singles if len(c) == 1]
    # order: ASCII first, then by code point
    ascii_part = [c for c in singles if ord(c) < 127]
    rest = sorted(set(c for c in singles if ord(c) >= 127), key=ord)
    for c in ascii_part + rest:
        add(c)
    # WordPiece continuation pieces for characters that can occur inside a multi-char word
    # (CJK chars and punctuation are always split off as their own words -> no ## needed)
    for c in ascii_part + rest:
        if not is_cjk(ord(c)) and not is_punct(c):
            add("##" + c)
    if args.vocab_size:
        if len(toks) > args.vocab_size:
            sys.exit(f"vocabulary has {len(toks)} tokens > --vocab-size {args.vocab_size}")
        i = 1
        while len(toks) < args.vocab_size:
            add(f"[unused{i}]")
            i += 1
    return toks


# ----------------------------------------------------------------------------------------
# reference tokenizer (python), used only for --selftest cross-checking
# ----------------------------------------------------------------------------------------
def ref_tokenize(text, vocab, lowercase, max_len):
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        out.append(" " if is_ws(ch) else ch)
    text = "".join(out)
    text = "".join(f" {c} " if is_cjk(ord(c)) else c for c in text)
    if lowercase:
        text = strip_accents(text.lower())
    words = []
    for w in text.split():
        cur = ""
        for c in w:
            if is_punct(c):
                if cur:
                    words.append(cur)
                    cur = ""
                words.append(c)
            else:
                cur += c
        if cur:
            words.append(cur)
    pieces = []
    for w in words:
        if len(w) > 100:
            pieces.append("[UNK]")
            continue
        start, sub, bad = 0, [], False
        while start < len(w):
            end, cur = len(w), None
            while start < end:
                s = w[start:end]
                if start > 0:
                    s = "##" + s
                if s in vocab:
                    cur = s
                    break
                end -= 1
            if cur is None:
                bad = True
                break
            sub.append(cur)
            start = end
        pieces += ["[UNK]"] if bad else sub
    pieces = pieces[: max_len - 2]
    return [vocab["[CLS]"]] + [vocab[p] for p in pieces] + [vocab["[SEP]"]]


# ----------------------------------------------------------------------------------------
# weights
# ----------------------------------------------------------------------------------------
def make_weights(args, V):
    rng = np.random.default_rng(args.seed)
    H, I, L, P = args.hidden, args.intermediate, args.layers, args.max_pos
    fanin = args.init == "fanin"
    std = args.init_std

    def n(*shape, emb=False):
        # bert:  N(0, init_std) everywhere (HF BertPreTrainedModel._init_weights)
        # fanin: embeddings N(0, 1), dense weights N(0, 1/fan_in) -> activations keep their scale,
        #        attention is non-uniform and [CLS] actually mixes in the content tokens
        s = (1.0 if emb else 1.0 / math.sqrt(shape[0])) if fanin else std
        return (rng.standard_normal(shape) * s).astype(np.float32)

    def b(k):  # small random biases
        return (rng.standard_normal(k) * 0.002).astype(np.float32)

    w = {
        "emb.word": n(V, H, emb=True),
        "emb.pos": n(P, H, emb=True),
        "emb.type": n(args.type_vocab, H, emb=True),
        "emb.ln.g": np.ones(H, np.float32),
        "emb.ln.b": np.zeros(H, np.float32),
    }
    w["emb.word"][0] = 0.0  # padding_idx row, like HF BertEmbeddings init
    for l in range(L):
        p = f"l{l}."
        for nm in ("q", "k", "v", "o"):
            w[p + nm + ".w"] = n(H, H)  # stored [in, out] (already transposed for MatMul)
            w[p + nm + ".b"] = b(H)
        w[p + "ln1.g"] = np.ones(H, np.float32)
        w[p + "ln1.b"] = np.zeros(H, np.float32)
        w[p + "fi.w"] = n(H, I)
        w[p + "fi.b"] = b(I)
        w[p + "fo.w"] = n(I, H)
        w[p + "fo.b"] = b(H)
        w[p + "ln2.g"] = np.ones(H, np.float32)
        w[p + "ln2.b"] = np.zeros(H, np.float32)
    return w


# ----------------------------------------------------------------------------------------
# numpy reference forward pass
# ----------------------------------------------------------------------------------------
def np_ln(x, g, b, eps):
    m = x.mean(-1, keepdims=True)
    v = ((x - m) ** 2).mean(-1, keepdims=True)
    return (x - m) / np.sqrt(v + eps) * g + b


def np_gelu(x):
    erf = np.vectorize(math.erf, otypes=[np.float64])
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def np_forward(w, args, ids, mask, tt):
    H, nh, L = args.hidden, args.heads, args.layers
    hd = H // nh
    B, S = ids.shape
    wd = {k: v.astype(np.float64) for k, v in w.items()}
    x = wd["emb.word"][ids] + wd["emb.type"][tt] + wd["emb.pos"][:S][None]
    x = np_ln(x, wd["emb.ln.g"], wd["emb.ln.b"], args.eps)
    ext = (1.0 - mask.astype(np.float64))[:, None, None, :] * -10000.0
    for l in range(L):
        p = f"l{l}."

        def proj(t, nm):
            return t @ wd[p + nm + ".w"] + wd[p + nm + ".b"]

        q = proj(x, "q").reshape(B, S, nh, hd).transpose(0, 2, 1, 3)
        k = proj(x, "k").reshape(B, S, nh, hd).transpose(0, 2, 1, 3)
        v = proj(x, "v").reshape(B, S, nh, hd).transpose(0, 2, 1, 3)
        s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(hd) + ext
        s = np.exp(s - s.max(-1, keepdims=True))
        s = s / s.sum(-1, keepdims=True)
        c = (s @ v).transpose(0, 2, 1, 3).reshape(B, S, H)
        x = np_ln(proj(c, "o") + x, wd[p + "ln1.g"], wd[p + "ln1.b"], args.eps)
        h = np_gelu(proj(x, "fi"))
        x = np_ln(h @ wd[p + "fo.w"] + wd[p + "fo.b"] + x, wd[p + "ln2.g"], wd[p + "ln2.b"], args.eps)
    return x.astype(np.float32)


# ----------------------------------------------------------------------------------------
# ONNX graph
# ----------------------------------------------------------------------------------------
class G:
    def __init__(self, quantize):
        self.nodes, self.inits, self.q = [], [], quantize
        self.i = 0

    def name(self, base):
        self.i += 1
        return f"{base}_{self.i}"

    def const(self, arr, name=None):
        name = name or self.name("const")
        self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def op(self, op_type, inputs, n_out=1, **attrs):
        outs = [self.name(op_type) for _ in range(n_out)]
        self.nodes.append(helper.make_node(op_type, inputs, outs, name=self.name(op_type + "_node"), **attrs))
        return outs[0] if n_out == 1 else outs

    def linear(self, x, W, bias, wname):
        """x @ W + b ; W as fp32 initializer or (quantized) int8 + DynamicQuantizeLinear/MatMulInteger."""
        if not self.q:
            y = self.op("MatMul", [x, self.const(W, wname)])
        else:
            amax = float(np.abs(W).max()) or 1.0
            s = np.float32(amax / 127.0)
            Wq = np.clip(np.round(W / s), -127, 127).astype(np.int8)
            wq = self.const(Wq, wname + "_quantized")
            ws = self.const(np.array(s, np.float32), wname + "_scale")
            wz = self.const(np.array(0, np.int8), wname + "_zero_point")
            xq, xs, xz = self.op("DynamicQuantizeLinear", [x], n_out=3)
            yi = self.op("MatMulInteger", [xq, wq, xz, wz])
            yf = self.op("Cast", [yi], to=TensorProto.FLOAT)
            sc = self.op("Mul", [xs, ws])
            y = self.op("Mul", [yf, sc])
        return self.op("Add", [y, self.const(bias, wname + "_bias")])

    def layernorm(self, x, g, b, eps, pfx):
        # decomposed LayerNorm (opset < 17); onnxruntime fuses this pattern into LayerNormalization
        m = self.op("ReduceMean", [x], axes=[-1], keepdims=1)
        d = self.op("Sub", [x, m])
        p = self.op("Pow", [d, self.const(np.array(2.0, np.float32))])
        v = self.op("ReduceMean", [p], axes=[-1], keepdims=1)
        ve = self.op("Add", [v, self.const(np.array(eps, np.float32))])
        sd = self.op("Sqrt", [ve])
        nrm = self.op("Div", [d, sd])
        y = self.op("Mul", [nrm, self.const(g, pfx + ".weight")])
        return self.op("Add", [y, self.const(b, pfx + ".bias")])


def build_graph(w, args, quantize):
    H, nh, L = args.hidden, args.heads, args.layers
    hd = H // nh
    g = G(quantize)
    # embeddings
    if quantize:
        W = w["emb.word"]
        lo, hi = float(min(W.min(), 0.0)), float(max(W.max(), 0.0))
        s = np.float32((hi - lo) / 255.0 or 1.0)
        zp = np.uint8(np.clip(np.round(-lo / s), 0, 255))
        Wq = np.clip(np.round(W / s) + zp, 0, 255).astype(np.uint8)
        gq = g.op("Gather", [g.const(Wq, "embeddings.word_embeddings.weight_quantized"), "input_ids"], axis=0)
        word = g.op("DequantizeLinear", [gq, g.const(np.array(s, np.float32), "embeddings.word_embeddings.weight_scale"),
                                         g.const(np.array(zp, np.uint8), "embeddings.word_embeddings.weight_zero_point")])
    else:
        word = g.op("Gather", [g.const(w["emb.word"], "embeddings.word_embeddings.weight"), "input_ids"], axis=0)
    typ = g.op("Gather", [g.const(w["emb.type"], "embeddings.token_type_embeddings.weight"), "token_type_ids"], axis=0)
    shp = g.op("Shape", ["input_ids"])
    seqlen = g.op("Slice", [shp, g.const(np.array([1], np.int64)), g.const(np.array([2], np.int64)),
                            g.const(np.array([0], np.int64))])
    pos = g.op("Slice", [g.const(w["emb.pos"], "embeddings.position_embeddings.weight"),
                         g.const(np.array([0], np.int64)), seqlen, g.const(np.array([0], np.int64))])
    x = g.op("Add", [g.op("Add", [word, typ]), pos])
    x = g.layernorm(x, w["emb.ln.g"], w["emb.ln.b"], args.eps, "embeddings.LayerNorm")
    # extended attention mask [B,1,1,S]: 0 for keep, -10000 for padding
    mf = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    m4 = g.op("Unsqueeze", [mf, g.const(np.array([1, 2], np.int64))])
    inv = g.op("Sub", [g.const(np.array(1.0, np.float32)), m4])
    ext = g.op("Mul", [inv, g.const(np.array(-10000.0, np.float32))])
    heads_shape = g.const(np.array([0, 0, nh, hd], np.int64), "heads_shape")
    merge_shape = g.const(np.array([0, 0, H], np.int64), "merge_shape")
    scale = g.const(np.array(math.sqrt(hd), np.float32), "attn_scale")
    for l in range(L):
        p = f"l{l}."
        pre = f"encoder.layer.{l}."
        q = g.linear(x, w[p + "q.w"], w[p + "q.b"], pre + "attention.self.query.weight")
        k = g.linear(x, w[p + "k.w"], w[p + "k.b"], pre + "attention.self.key.weight")
        v = g.linear(x, w[p + "v.w"], w[p + "v.b"], pre + "attention.self.value.weight")
        q = g.op("Transpose", [g.op("Reshape", [q, heads_shape])], perm=[0, 2, 1, 3])
        k = g.op("Transpose", [g.op("Reshape", [k, heads_shape])], perm=[0, 2, 3, 1])
        v = g.op("Transpose", [g.op("Reshape", [v, heads_shape])], perm=[0, 2, 1, 3])
        sc = g.op("Div", [g.op("MatMul", [q, k]), scale])
        sc = g.op("Add", [sc, ext])
        pr = g.op("Softmax", [sc], axis=-1)
        c = g.op("MatMul", [pr, v])
        c = g.op("Reshape", [g.op("Transpose", [c], perm=[0, 2, 1, 3]), merge_shape])
        o = g.linear(c, w[p + "o.w"], w[p + "o.b"], pre + "attention.output.dense.weight")
        x = g.layernorm(g.op("Add", [o, x]), w[p + "ln1.g"], w[p + "ln1.b"], args.eps, pre + "attention.output.LayerNorm")
        h = g.linear(x, w[p + "fi.w"], w[p + "fi.b"], pre + "intermediate.dense.weight")
        # exact (erf) GELU, in the pattern onnxruntime's GeluFusion recognises
        e = g.op("Erf", [g.op("Div", [h, g.const(np.array(math.sqrt(2.0), np.float32))])])
        h = g.op("Mul", [g.op("Mul", [h, g.op("Add", [e, g.const(np.array(1.0, np.float32))])]),
                         g.const(np.array(0.5, np.float32))])
        o = g.linear(h, w[p + "fo.w"], w[p + "fo.b"], pre + "output.dense.weight")
        x = g.layernorm(g.op("Add", [o, x]), w[p + "ln2.g"], w[p + "ln2.b"], args.eps, pre + "output.LayerNorm")
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"], name="output_identity"))

    dims = ["batch_size", "sequence_length"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, dims)
              for n in ("input_ids", "attention_mask", "token_type_ids")]
    outputs = [helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, dims + [H])]
    graph = helper.make_graph(g.nodes, "bert_random", inputs, outputs, initializer=g.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="gen_bert_onnx.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


# ----------------------------------------------------------------------------------------
# tokenizer / config files
# ----------------------------------------------------------------------------------------
def tokenizer_json(vocab_list, args):
    vid = {t: i for i, t in enumerate(vocab_list)}
    added = [{"id": vid[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in SPECIALS]
    cls, sep = "[CLS]", "[SEP]"
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": bool(args.lowercase)},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": cls, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": sep, "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": cls, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": sep, "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": sep, "type_id": 1}}],
            "special_tokens": {cls: {"id": cls, "ids": [vid[cls]], "tokens": [cls]},
                               sep: {"id": sep, "ids": [vid[sep]], "tokens": [sep]}},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vid},
    }


def write_json(path, obj, indent=None):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=indent, separators=None if indent else (",", ":"))
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output model folder")
    ap.add_argument("--hidden", type=int, default=32)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--heads", type=int, default=2)
    ap.add_argument("--intermediate", type=int, default=64)
    ap.add_argument("--max-pos", type=int, default=512, help="max_position_embeddings (= model_max_length)")
    ap.add_argument("--type-vocab", type=int, default=2)
    ap.add_argument("--eps", type=float, default=1e-12, help="layer_norm_eps")
    ap.add_argument("--init", choices=["fanin", "bert"], default="fanin",
                    help="weight init: fanin = N(0,1/fan_in) dense + N(0,1) embeddings (default; discriminative "
                         "[CLS]); bert = N(0,--init-std) everywhere (near-constant [CLS] vectors)")
    ap.add_argument("--init-std", type=float, default=0.02, help="std for --init bert")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--chars-file", action="append", help="text file whose distinct chars join the vocab (repeatable)")
    ap.add_argument("--chars-dir", action="append", help="dir: distinct chars of all *.txt join the vocab (repeatable)")
    ap.add_argument("--cjk-range", action="append", help="hex code point range to add, e.g. 4E00-9FFF (repeatable)")
    ap.add_argument("--vocab-size", type=int, default=0, help="pad vocab with [unusedN] to exactly this size")
    ap.add_argument("--lowercase", action="store_true", help="BertNormalizer lowercase (bge-small-zh-v1.5: false)")
    ap.add_argument("--quantized-copy", action="store_true", help="model_quantized.onnx = copy of model.onnx")
    ap.add_argument("--selftest", help="write sample inputs + numpy reference outputs/tokenizations to this JSON")
    args = ap.parse_args()
    assert args.hidden % args.heads == 0, "hidden must be divisible by heads"

    vocab = build_vocab(args)
    V = len(vocab)
    os.makedirs(os.path.join(args.out, "onnx"), exist_ok=True)

    write_json(os.path.join(args.out, "config.json"), {
        "_name_or_path": os.path.basename(os.path.normpath(args.out)),
        "architectures": ["BertModel"],
        "attention_probs_dropout_prob": 0.1,
        "classifier_dropout": None,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "hidden_size": args.hidden,
        "initializer_range": args.init_std,
        "intermediate_size": args.intermediate,
        "layer_norm_eps": args.eps,
        "max_position_embeddings": args.max_pos,
        "model_type": "bert",
        "num_attention_heads": args.heads,
        "num_hidden_layers": args.layers,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
        "type_vocab_size": args.type_vocab,
        "use_cache": True,
        "vocab_size": V,
        "_generator": {"seed": args.seed, "random_weights": True, "init": args.init},
    }, indent=2)
    write_json(os.path.join(args.out, "tokenizer_config.json"), {
        "clean_up_tokenization_spaces": True,
        "cls_token": "[CLS]",
        "do_basic_tokenize": True,
        "do_lower_case": bool(args.lowercase),
        "mask_token": "[MASK]",
        "model_max_length": args.max_pos,
        "never_split": None,
        "pad_token": "[PAD]",
        "sep_token": "[SEP]",
        "strip_accents": None,
        "tokenize_chinese_chars": True,
        "tokenizer_class": "BertTokenizer",
        "unk_token": "[UNK]",
    }, indent=2)
    write_json(os.path.join(args.out, "special_tokens_map.json"), {
        "cls_token": "[CLS]", "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": "[SEP]", "unk_token": "[UNK]"},
        indent=2)
    with open(os.path.join(args.out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    write_json(os.path.join(args.out, "tokenizer.json"), tokenizer_json(vocab, args))

    w = make_weights(args, V)
    fp = os.path.join(args.out, "onnx", "model.onnx")
    qp = os.path.join(args.out, "onnx", "model_quantized.onnx")
    onnx.save(build_graph(w, args, quantize=False), fp)
    if args.quantized_copy:
        shutil.copyfile(fp, qp)
    else:
        onnx.save(build_graph(w, args, quantize=True), qp)

    print(f"wrote {args.out}: vocab={V} hidden={args.hidden} layers={args.layers} heads={args.heads} "
          f"intermediate={args.intermediate} max_pos={args.max_pos} "
          f"model.onnx={os.path.getsize(fp)}B model_quantized.onnx={os.path.getsize(qp)}B "
          f"({'copy' if args.quantized_copy else 'int8 dynamic'})")

    if args.selftest:
        vid = {t: i for i, t in enumerate(vocab)}
        texts = ["重庆永川", "hello world", "Hello, World! 2024年4月，习近平在重庆考察。", "①②③ café ＡＢＣ 𠀀 x"]
        toks = [ref_tokenize(t, vid, args.lowercase, args.max_pos) for t in texts]
        S = max(len(t) for t in toks)
        ids = np.zeros((len(toks), S), np.int64)
        mask = np.zeros((len(toks), S), np.int64)
        for i, t in enumerate(toks):
            ids[i, :len(t)] = t
            mask[i, :len(t)] = 1
        tt = np.zeros_like(ids)
        tt[2, 3:] = 1  # exercise the token_type path too (only in the direct ONNX check)
        out = np_forward(w, args, ids, mask, tt)
        write_json(args.selftest, {"texts": texts, "ref_ids": toks, "shape": list(ids.shape),
                                   "input_ids": ids.ravel().tolist(), "attention_mask": mask.ravel().tolist(),
                                   "token_type_ids": tt.ravel().tolist(), "hidden": args.hidden,
                                   "expected": [float(v) for v in out.ravel()]})
        print(f"selftest -> {args.selftest}")


if __name__ == "__main__":
    main()
