// Candidate passages for a question: BM25F over jieba words, BM25 over character bigrams and (with an
// embedding model) dense HNSW search, fused by reciprocal rank (question words the coverage never uses
// are resolved before, in unknown.ts). The components come in one object, so a lexical-only setup is
// the same code path without the vector parts.
import type { Chunk } from '../corpus/types.js';
import type { Embedder } from '../embed/embedder.js';
import type { LexicalIndex } from '../index/lexical.js';
import type { VectorIndex } from '../index/vector.js';
import type { Lexicon } from '../text/lexicon.js';
import type { HomophoneFinder } from '../text/pinyin.js';
import type { AnalyzedQuery } from './query.js';

export interface SearchComponents {
  chunks: ReadonlyMap<number, Chunk>;
  lexical: LexicalIndex;
  bigrams: LexicalIndex;
  homophones: HomophoneFinder;
  lexicon: Lexicon;
  /** Both present, or both null (lexical-only). */
  vectors: VectorIndex | null;
  embedder: Embedder | null;
}

export interface RetrieveOptions {
  /** Candidates taken from each retriever. */
  depth: number;
  lexicalWeight: number;
  bigramWeight: number;
  denseWeight: number;
  /** RRF constant: larger values flatten the difference between ranks. */
  rrfK: number;
}

export interface Candidate {
  chunk: Chunk;
  /** Reciprocal-rank fusion score over the retrievers that found the passage. */
  fused: number;
  /** Cosine similarity of question and passage (model-specific scale), when dense search found it. */
  denseScore?: number;
}

export interface StageTimes {
  embed: number;
  dense: number;
  lexical: number;
  fuse: number;
}

export interface Retrieved {
  /** Best first by fused score. */
  candidates: Candidate[];
  /** The question's embedding (hybrid mode), for sentence-level matching later. */
  queryVector?: Float32Array;
}

export async function retrieve(q: AnalyzedQuery, c: SearchComponents, opts: RetrieveOptions, times?: StageTimes): Promise<Retrieved> {
  const byId = new Map<number, Candidate>();
  /** Adds one retriever's ranked hits to the fusion; returns the candidates it touched. */
  const fuse = (hits: { id: number; score: number }[], weight: number) =>
    hits.flatMap((hit, rank) => {
      const chunk = c.chunks.get(hit.id);
      if (!chunk) return [];
      let cand = byId.get(hit.id);
      if (!cand) byId.set(hit.id, (cand = { chunk, fused: 0 }));
      cand.fused += weight / (opts.rrfK + rank + 1);
      return [{ cand, score: hit.score }];
    });

  let t = performance.now();
  let queryVector: Float32Array | undefined;
  if (c.vectors && c.embedder && q.normalized) {
    const v = (queryVector = await c.embedder.embedQuery(q.normalized));
    if (times) times.embed += performance.now() - t;
    t = performance.now();
    for (const { cand, score } of fuse(c.vectors.search(v, opts.depth), opts.denseWeight)) cand.denseScore = score;
    if (times) times.dense += performance.now() - t;
  }

  t = performance.now();
  fuse(c.lexical.search(q.searchTerms, opts.depth), opts.lexicalWeight);
  fuse(c.bigrams.search(q.bigramTerms, opts.depth), opts.bigramWeight);
  if (times) times.lexical += performance.now() - t;

  t = performance.now();
  const candidates = [...byId.values()].sort((a, b) => b.fused - a.fused || a.chunk.id - b.chunk.id);
  if (times) times.fuse += performance.now() - t;
  return queryVector ? { candidates, queryVector } : { candidates };
}
