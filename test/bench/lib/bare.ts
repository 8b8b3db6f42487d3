// The baseline for the project's embedder: the same quantized ONNX file run by a bare onnxruntime-node
// InferenceSession (the runtime transformers.js itself uses, with the same `cpu` provider), fed with
// the transformers.js tokenizer's own output, then CLS-pooled and L2-normalised by hand. Whatever the
// project's embedder costs beyond this is pipeline overhead.
import path from 'node:path';
import * as ORT from 'onnxruntime-node';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@xenova/transformers';

// onnxruntime-node is CommonJS: under ESM its API sits on the default export (as transformers.js reads it).
const ort: typeof ORT = (ORT as unknown as { default?: typeof ORT }).default ?? ORT;

interface TokenTensor {
  data: BigInt64Array;
  dims: number[];
}

export class BareEmbedder {
  private constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly session: ORT.InferenceSession,
  ) {}

  /** `modelDir/model/` in the transformers.js layout; reads onnx/model_quantized.onnx. */
  static async load(modelDir: string, model: string): Promise<BareEmbedder> {
    // The tokenizer comes from the same local folder; nothing may be downloaded.
    env.localModelPath = modelDir;
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    const tokenizer = await AutoTokenizer.from_pretrained(model);
    const session = await ort.InferenceSession.create(path.join(modelDir, model, 'onnx', 'model_quantized.onnx'), {
      executionProviders: ['cpu'],
    });
    return new BareEmbedder(tokenizer, session);
  }

  /** One padded batch → one unit vector per text (CLS pooling, as bge does). */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const enc = this.tokenizer(texts, { padding: true, truncation: true }) as unknown as Record<string, TokenTensor>;
    const feeds: Record<string, ORT.Tensor> = {};
    for (const name of this.session.inputNames) {
      const t = enc[name];
      if (!t) throw new Error(`tokenizer gave no ${name}`);
      feeds[name] = new ort.Tensor('int64', t.data, t.dims);
    }
    const out = (await this.session.run(feeds))[this.session.outputNames[0]!]!;
    const [b, s, h] = out.dims as [number, number, number];
    const data = out.data as Float32Array;
    const vectors: Float32Array[] = [];
    for (let i = 0; i < b; i++) {
      const v = data.slice(i * s * h, i * s * h + h); // token 0 of row i: [CLS]
      let norm = 0;
      for (let d = 0; d < h; d++) norm += v[d]! * v[d]!;
      norm = Math.sqrt(norm) || 1;
      for (let d = 0; d < h; d++) v[d]! /= norm;
      vectors.push(v);
    }
    return vectors;
  }
}

/**
 * The batches the project's `embedPassages` forms: texts sorted by length (stable), cut every
 * `batchSize`. The bare run uses exactly these so both sides pad the same way.
 */
export function lengthSortedBatches(texts: string[], batchSize: number): string[][] {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const out: string[][] = [];
  for (let i = 0; i < order.length; i += batchSize) out.push(order.slice(i, i + batchSize).map((k) => texts[k]!));
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
