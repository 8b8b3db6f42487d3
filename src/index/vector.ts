// Approximate nearest-neighbour search over chunk vectors (hnswlib, cosine space).
// hnswlib's file stores neither the dimension nor the space and `readIndex` resets `ef` to 10, so both
// travel in our manifest and `ef` is set again after every load.
import { createRequire } from 'node:module';
import type hnswlib from 'hnswlib-node';

type Hnsw = InstanceType<typeof hnswlib.HierarchicalNSW>;
/** The native addon, loaded when a graph is first made or read: keyword mode never needs it. */
let addon: typeof hnswlib | undefined;
const hnsw = (dim: number): Hnsw => {
  addon ??= createRequire(import.meta.url)('hnswlib-node') as typeof hnswlib;
  return new addon.HierarchicalNSW('cosine', dim);
};

export interface HnswParams {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export class VectorIndex {
  private deleted = 0;

  private constructor(
    private readonly index: Hnsw,
    readonly dim: number,
  ) {}

  static create(dim: number, params: HnswParams, capacity = 1024): VectorIndex {
    const index = hnsw(dim);
    // Fixed seed: the same corpus gives the same graph on every machine.
    index.initIndex({ maxElements: Math.max(16, capacity), m: params.m, efConstruction: params.efConstruction, randomSeed: 100 });
    const v = new VectorIndex(index, dim);
    v.setEf(params.efSearch);
    return v;
  }

  static load(file: string, dim: number, efSearch: number, deleted = 0): VectorIndex {
    const index = hnsw(dim);
    index.readIndexSync(file);
    return VectorIndex.loaded(index, dim, efSearch, deleted);
  }

  /** Like `load`, reading the file on a worker thread. */
  static async loadAsync(file: string, dim: number, efSearch: number, deleted = 0): Promise<VectorIndex> {
    const index = hnsw(dim);
    await index.readIndex(file);
    return VectorIndex.loaded(index, dim, efSearch, deleted);
  }

  private static loaded(index: Hnsw, dim: number, efSearch: number, deleted: number): VectorIndex {
    const v = new VectorIndex(index, dim);
    v.setEf(efSearch);
    v.deleted = deleted;
    return v;
  }

  /** Live (not deleted) vectors. */
  get size(): number {
    return this.index.getCurrentCount() - this.deleted;
  }

  get deletedCount(): number {
    return this.deleted;
  }

  add(id: number, vector: Float32Array | number[]): void {
    if (vector.length !== this.dim) throw new Error(`vector has ${vector.length} dimensions, index has ${this.dim}`);
    if (this.index.getCurrentCount() >= this.index.getMaxElements()) {
      this.index.resizeIndex(Math.ceil(this.index.getMaxElements() * 1.5) + 16);
    }
    this.index.addPoint(Array.from(vector), id);
  }

  remove(id: number): void {
    this.index.markDelete(id);
    this.deleted++;
  }

  vector(id: number): number[] {
    return this.index.getPoint(id);
  }

  search(vector: Float32Array | number[], k: number): VectorHit[] {
    const n = Math.min(k, this.size);
    if (n <= 0) return [];
    const { neighbors, distances } = this.index.searchKnn(Array.from(vector), n);
    return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
  }

  setEf(ef: number): void {
    this.index.setEf(ef);
  }

  get ef(): number {
    return this.index.getEf();
  }

  save(file: string): void {
    this.index.writeIndexSync(file);
  }
}

/** hnswlib's query-time candidate list when neither the manifest nor the settings give one. */
export const DEFAULT_EF_SEARCH = 64;

/** An explicit setting wins; otherwise the ef measured at ingest; otherwise the default. */
export function effectiveEf(setting: number | undefined, recorded: number | undefined): number {
  return setting ?? recorded ?? DEFAULT_EF_SEARCH;
}

/** The vectors in the graph, by id: calibration compares the graph with an exact scan of these. */
export interface VectorSource {
  ids: ArrayLike<number>;
  vector(id: number): Float32Array | number[];
}

export interface CalibrateOptions {
  /** Stored vectors used as queries (seeded sample). */
  sample?: number;
  seed?: number;
  k?: number;
  /** Recall@k to reach. */
  target?: number;
  /** Candidate ef values, ascending; the search stops at the first that reaches the target. */
  ladder?: number[];
}

export interface Calibration {
  /** Smallest ef of the ladder reaching the target (the largest tried when none does). */
  ef: number;
  recall: number;
  reached: boolean;
  queries: number;
  tried: { ef: number; recall: number }[];
}

export const EF_LADDER = [16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2000];

/**
 * The smallest search effort (ef) at which this graph finds ≥ `target` of the exact top-k neighbours.
 * Queries are a seeded sample of the stored vectors, each searched for its neighbours *other than
 * itself* (a stored vector always finds itself, which would flatter the graph); the truth is an exact
 * scan of all vectors. A found id whose exact score ties the k-th true score counts as correct
 * (duplicate passages give identical vectors). Restores the index's previous ef. Costs one exact scan:
 * sample × n × dim multiply-adds (~10 s at 100k, ~2 min at 1M on one core), small next to the build.
 */
export function calibrateEf(index: VectorIndex, vectors: VectorSource, opts: CalibrateOptions = {}): Calibration {
  const { sample = 200, seed = 1, k = 10, target = 0.99, ladder = EF_LADDER } = opts;
  const n = vectors.ids.length;
  const kk = Math.min(k, n - 1);
  if (kk <= 0) return { ef: ladder[0]!, recall: 1, reached: true, queries: 0, tried: [] };
  const dim = index.dim;

  // Seeded partial Fisher-Yates over positions: the same corpus gives the same sample (and ef).
  const picks = Array.from({ length: n }, (_, i) => i);
  let state = seed >>> 0 || 1;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const m = Math.min(sample, n);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [picks[i], picks[j]] = [picks[j]!, picks[i]!];
  }
  const qIds = picks.slice(0, m).map((p) => vectors.ids[p]!);
  const queries = new Float32Array(m * dim);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const before = index.ef;
  index.setEf(Math.max(256, before));
  qIds.forEach((id, q) => {
    // A stored vector is a flattering query: the graph search walks onto it and its own links list its
    // neighbours. A real question lands *between* stored vectors, so the query is moved off it, in a
    // random direction, as far as its nearest stored neighbour is (cosine s1 to where it started).
    const a = vectors.vector(id);
    const s1 = Math.min(0.999, Math.max(0.05, index.search(a, 2).find((h) => h.id !== id)?.score ?? 0.5));
    const g = Float64Array.from({ length: dim }, gauss);
    let ag = 0, aa = 0;
    for (let d = 0; d < dim; d++) (ag += a[d]! * g[d]!), (aa += a[d]! * a[d]!);
    let gg = 0;
    for (let d = 0; d < dim; d++) (g[d] = g[d]! - (ag / aa) * a[d]!), (gg += g[d]! * g[d]!);
    const an = 1 / Math.sqrt(aa), gn = Math.sqrt(1 - s1 * s1) / Math.sqrt(gg);
    for (let d = 0; d < dim; d++) queries[q * dim + d] = s1 * a[d]! * an + gn * g[d]!;
  });
  index.setEf(before);

  // Exact top-k per query (itself excluded): one pass over the stored vectors, every query per vector.
  const topIds = qIds.map(() => [] as number[]);
  const topScores = qIds.map(() => [] as number[]);
  const v = new Float32Array(dim);
  for (let p = 0; p < n; p++) {
    const id = vectors.ids[p]!;
    v.set(vectors.vector(id));
    for (let q = 0; q < m; q++) {
      if (qIds[q] === id) continue;
      const off = q * dim;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let d = 0; d + 3 < dim; d += 4) {
        s0 += v[d]! * queries[off + d]!;
        s1 += v[d + 1]! * queries[off + d + 1]!;
        s2 += v[d + 2]! * queries[off + d + 2]!;
        s3 += v[d + 3]! * queries[off + d + 3]!;
      }
      let s = s0 + s1 + s2 + s3;
      for (let d = dim - (dim % 4); d < dim; d++) s += v[d]! * queries[off + d]!;
      const ids = topIds[q]!;
      const scores = topScores[q]!;
      if (ids.length === kk && s <= scores[kk - 1]!) continue;
      let j = Math.min(ids.length, kk - 1);
      if (ids.length < kk) {
        ids.push(0);
        scores.push(0);
      }
      while (j > 0 && scores[j - 1]! < s) {
        ids[j] = ids[j - 1]!;
        scores[j] = scores[j - 1]!;
        j--;
      }
      ids[j] = id;
      scores[j] = s;
    }
  }

  const tried: { ef: number; recall: number }[] = [];
  try {
    for (const ef of ladder) {
      index.setEf(ef);
      let hit = 0;
      for (let q = 0; q < m; q++) {
        const truth = new Set(topIds[q]);
        const kth = topScores[q]![kk - 1]!;
        const found = index.search(queries.subarray(q * dim, (q + 1) * dim), kk + 1).filter((h) => h.id !== qIds[q]).slice(0, kk);
        // Cosine distance comes back in float32: allow its rounding when comparing with the k-th score.
        for (const h of found) if (truth.has(h.id) || h.score >= kth - 1e-5) hit++;
      }
      const recall = hit / (m * kk);
      tried.push({ ef, recall });
      if (recall >= target) return { ef, recall, reached: true, queries: m, tried };
      if (ef >= n) break; // the candidate list already holds every vector: more effort finds nothing new
    }
  } finally {
    index.setEf(before);
  }
  const last = tried.at(-1)!;
  return { ef: last.ef, recall: last.recall, reached: false, queries: m, tried };
}
