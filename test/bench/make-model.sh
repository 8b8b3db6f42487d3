#!/usr/bin/env bash
# Generates test/bench/models/bge-small-zh-shape: a random-weight BERT with exactly the architecture of
# BAAI bge-small-zh-v1.5 (hidden 512, 4 layers, 8 heads, intermediate 2048, vocab 21128), in the folder
# layout transformers.js loads. The weights are random, so the model measures speed and memory only,
# never retrieval quality. Fully offline; the same arguments always give byte-identical files.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Debian's python3 is the interpreter that python3-onnx/python3-numpy belong to (not another python3 on PATH).
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
  echo "test/bench/make-model.sh: $PY not found. Install it with: apt-get install -y python3 python3-onnx python3-numpy" >&2
  exit 1
fi
if ! "$PY" -c 'import numpy, onnx' 2>/dev/null; then
  echo "test/bench/make-model.sh: $PY lacks numpy and/or onnx. Install them with: apt-get install -y python3-onnx python3-numpy" >&2
  exit 1
fi

"$PY" test/bench/tools/gen_bert_onnx.py --out test/bench/models/bge-small-zh-shape --hidden 512 --layers 4 --heads 8 \
  --intermediate 2048 --max-pos 512 --cjk-range 4E00-9FA5 --chars-dir corpus --vocab-size 21128 --seed 0
