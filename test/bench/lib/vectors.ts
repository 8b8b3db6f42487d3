// Synthetic embedding-like vectors and the exact search they are checked against.
//
// Real sentence embeddings are not uniform on the sphere: passages about one topic crowd around a
// direction. The sets here mimic that with gaussian clusters: a point is a unit cluster centre plus
// isotropic noise of total length `spread`, normalised. With spread 1 two points of one cluster have a
// cosine of about 0.5 and points of different clusters about 0, close to what bge-style models give
// for related vs unrelated passages.
import { Rng } from './prng.js';

export interface ClusteredSpec {
  dim: number;
  clusters: number;
  spread: number;
  seed: number;
}

export const DEFAULT_SPEC: ClusteredSpec = { dim: 512, clusters: 1000, spread: 1, seed: 42 };

function normalizeInPlace(v: Float32Array, off: number, dim: number): void {
  let s = 0;
  for (let d = 0; d < dim; d++) s += v[off + d]! * v[off + d]!;
  const inv = 1 / Math.sqrt(s);
  for (let d = 0; d < dim; d++) v[off + d]! *= inv;
}

/** Unit cluster centres (the same for the data and for its queries). */
export function centres(spec: ClusteredSpec): Float32Array {
  const rng = new Rng(spec.seed);
  const c = new Float32Array(spec.clusters * spec.dim);
  for (let i = 0; i < c.length; i++) c[i] = rng.gauss();
  for (let k = 0; k < spec.clusters; k++) normalizeInPlace(c, k * spec.dim, spec.dim);
  return c;
}

/**
 * `n` normalised points, row-major in one Float32Array (n × dim). `stream` separates independent draws
 * from the same clusters: the data set uses stream 1, its held-out queries stream 2.
 */
export function clusteredVectors(spec: ClusteredSpec, n: number, stream: number, cs = centres(spec)): Float32Array {
  const { dim, clusters, spread } = spec;
  const rng = new Rng(spec.seed * 7919 + stream * 104729);
  const out = new Float32Array(n * dim);
  const sigma = spread / Math.sqrt(dim);
  for (let i = 0; i < n; i++) {
    const k = rng.int(clusters);
    const off = i * dim;
    for (let d = 0; d < dim; d++) out[off + d] = cs[k * dim + d]! + sigma * rng.gauss();
    normalizeInPlace(out, off, dim);
  }
  return out;
}

export const row = (data: Float32Array, i: number, dim: number): Float32Array => data.subarray(i * dim, (i + 1) * dim);

/**
 * Exact top-k by dot product (= cosine for unit vectors): a plain scan, the baseline every ANN figure
 * is compared with. Returns ids, best first.
 */
export function bruteForceTopK(data: Float32Array, dim: number, q: Float32Array, k: number): number[] {
  const n = data.length / dim;
  const ids: number[] = [];
  const scores: number[] = [];
  for (let i = 0; i < n; i++) {
    const off = i * dim;
    // Four accumulators: lets V8 overlap the multiply-adds (about 2× faster than one running sum).
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let d = 0; d < dim; d += 4) {
      s0 += data[off + d]! * q[d]!;
      s1 += data[off + d + 1]! * q[d + 1]!;
      s2 += data[off + d + 2]! * q[d + 2]!;
      s3 += data[off + d + 3]! * q[d + 3]!;
    }
    const s = s0 + s1 + s2 + s3;
    if (ids.length === k && s <= scores[k - 1]!) continue;
    // Insertion into a short sorted list: k is 10–30, cheaper than a heap at that size.
    let j = Math.min(ids.length, k - 1);
    if (ids.length < k) {
      ids.push(0);
      scores.push(0);
    }
    while (j > 0 && scores[j - 1]! < s) {
      ids[j] = ids[j - 1]!;
      scores[j] = scores[j - 1]!;
      j--;
    }
    ids[j] = i;
    scores[j] = s;
  }
  return ids;
}

/** Share of the true top-k found by an approximate search (mean over queries). */
export function recallAtK(truth: number[][], found: number[][], k: number): number {
  let hit = 0;
  truth.forEach((t, i) => {
    const f = new Set(found[i]!.slice(0, k));
    for (const id of t.slice(0, k)) if (f.has(id)) hit++;
  });
  return hit / (truth.length * k);
}
