// Text → normalized vectors with a local transformers.js model (ONNX Runtime on the CPU).
// On a user's machine the model downloads once into the cache folder; with a local model folder the
// app never touches the network.
import type { FeatureExtractionPipeline } from '@xenova/transformers';
import { profileFor, type ModelProfile, type ProfileOverrides } from './models.js';

export interface EmbedderOptions {
  model: string;
  quantized: boolean;
  /** Folder containing `<model id>/` subfolders; when set, nothing is downloaded. */
  localDir?: string | undefined;
  /** Where downloaded models are kept (outside node_modules, which `npm ci` wipes). */
  cacheDir: string;
  allowDownload: boolean;
  batchSize: number;
  /** Group batches by token count (default) or, as before, by character count (benchmark baseline). */
  batchBy?: 'tokens' | 'chars';
  timeoutMs: number;
  profile?: ProfileOverrides;
}

/** A model's identity as recorded in the index manifest: vectors of different identities never mix. */
export interface EmbedderInfo {
  model: string;
  quantized: boolean;
  dim: number;
  pooling: ModelProfile['pooling'];
  queryPrefix: string;
  passagePrefix: string;
}

export interface Embedder {
  readonly info: EmbedderInfo;
  readonly profile: ModelProfile;
  /** Passages in, one vector per passage out (same order); `onBatch` reports how many are done. */
  embedPassages(texts: string[], onBatch?: (done: number) => void): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
  /** Tokens the model sees for a text (what passages are batched by). */
  tokenCount(text: string): number;
  /** Vectors for texts exactly as given (no prefix): used by tests and benchmarks. */
  embedRaw(texts: string[]): Promise<Float32Array[]>;
}

export class EmbedderUnavailableError extends Error {}

function explain(model: string, opts: EmbedderOptions, e: unknown): string {
  const msg = (e as Error)?.message ?? String(e);
  if (/local_files_only|allowRemoteModels=false|file was not found locally/i.test(msg)) {
    return opts.localDir
      ? `model "${model}" was not found under MODEL_DIR (${opts.localDir}/${model}/)`
      : `model "${model}" is not in the cache (${opts.cacheDir}) and downloading is switched off`;
  }
  if (/fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|network|timed out/i.test(msg)) {
    return `model "${model}" is not cached and could not be downloaded (no connection to the model hub)`;
  }
  return `model "${model}" could not be loaded: ${msg.split('\n')[0]}`;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

class TransformersEmbedder implements Embedder {
  constructor(
    private readonly extractor: FeatureExtractionPipeline,
    readonly info: EmbedderInfo,
    readonly profile: ModelProfile,
    private readonly batchSize: number,
    /** false: the previous grouping by character count (kept for the benchmark's comparison). */
    private readonly sortByTokens = true,
  ) {}

  async embedRaw(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const out = await this.extractor(texts, { pooling: this.profile.pooling, normalize: true });
    const [n, dim] = out.dims as [number, number];
    const data = out.data as Float32Array;
    return Array.from({ length: n }, (_, i) => data.slice(i * dim, (i + 1) * dim));
  }

  /** Tokens the model sees for a text (special tokens included, truncated as the pipeline truncates). */
  tokenCount(text: string): number {
    const tokenizer = this.extractor.tokenizer;
    const max = (tokenizer as { model_max_length?: number }).model_max_length ?? Infinity;
    return Math.min(tokenizer.encode(text).length, max);
  }

  async embedPassages(texts: string[], onBatch?: (done: number) => void): Promise<Float32Array[]> {
    const inputs = texts.map((t) => this.profile.passagePrefix + t);
    // Batches of passages of equal or similar token count: (nearly) no padding, so a passage's vector
    // depends as little as possible on its batch-mates, and no work is spent on pad tokens. Ties keep
    // input order (Array.prototype.sort is stable); results go back in input order.
    const tokens = this.sortByTokens ? inputs.map((t) => this.tokenCount(t)) : inputs.map((t) => t.length);
    const order = inputs.map((_, i) => i).sort((a, b) => tokens[a]! - tokens[b]!);
    const result: Float32Array[] = new Array(texts.length);
    for (let i = 0; i < order.length; i += this.batchSize) {
      const ids = order.slice(i, i + this.batchSize);
      const vectors = await this.embedRaw(ids.map((id) => inputs[id]!));
      ids.forEach((id, k) => (result[id] = vectors[k]!));
      onBatch?.(Math.min(i + this.batchSize, order.length));
      // onnxruntime-node 1.14 runs the model synchronously: without a macrotask turn between batches a
      // long ingest would starve timers — the write lock's heartbeat, and the bot's other chats.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return result;
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [v] = await this.embedRaw([this.profile.queryPrefix + text]);
    return v!;
  }
}

/** Configures transformers.js (one global `env`) and loads the model. */
export async function loadEmbedder(opts: EmbedderOptions): Promise<Embedder> {
  // Imported here, not at the top: the library takes ~0.25 s to load, which start-up overlaps with
  // reading the index.
  const { env, pipeline } = await import('@xenova/transformers');
  env.cacheDir = opts.cacheDir;
  env.localModelPath = opts.localDir ?? opts.cacheDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = !opts.localDir && opts.allowDownload;
  const profile = profileFor(opts.model, opts.profile);
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = (await withTimeout(
      pipeline('feature-extraction', opts.model, { quantized: opts.quantized }),
      opts.timeoutMs,
      'loading the embedding model',
    )) as FeatureExtractionPipeline;
  } catch (e) {
    throw new EmbedderUnavailableError(explain(opts.model, opts, e));
  }
  const embedder = new TransformersEmbedder(
    extractor,
    { model: opts.model, quantized: opts.quantized, dim: 0, ...pick(profile) },
    profile,
    opts.batchSize,
    opts.batchBy !== 'chars',
  );
  // The config's hidden size is not always the output size (projection heads): measure it once.
  const [probe] = await embedder.embedRaw(['维度']);
  embedder.info.dim = probe!.length;
  return embedder;
}

function pick(p: ModelProfile): Pick<EmbedderInfo, 'pooling' | 'queryPrefix' | 'passagePrefix'> {
  return { pooling: p.pooling, queryPrefix: p.queryPrefix, passagePrefix: p.passagePrefix };
}
