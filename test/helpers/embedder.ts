// The tiny random-weight BERT shipped in test/fixtures/models, loaded through the real transformers.js path.
import { loadEmbedder, type Embedder, type EmbedderOptions } from '../../src/embed/embedder.js';
import { FIXTURE_MODELS, TINY_MODEL, tempDir } from './fs.js';

export function tinyOptions(overrides: Partial<EmbedderOptions> = {}): EmbedderOptions {
  return {
    model: TINY_MODEL,
    quantized: true,
    localDir: FIXTURE_MODELS,
    cacheDir: tempDir('model-cache-'),
    allowDownload: false,
    batchSize: 8,
    timeoutMs: 30_000,
    ...overrides,
  };
}

export function loadTiny(overrides: Partial<EmbedderOptions> = {}): Promise<Embedder> {
  return loadEmbedder(tinyOptions(overrides));
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

export function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return Math.sqrt(s);
}
