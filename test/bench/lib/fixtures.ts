// The big synthetic index shared by the query (search stages at 100k), scale (HNSW at 100k) and cold
// (start-up at 100k) sections: built once per run, because its HNSW graph alone takes minutes.
//
// Embedding 100k chunks with the bge-shaped model would take ~40 min on 2 cores, so the vectors are
// the clustered synthetic ones, and the index files are written with the project's own `writeIndex`
// under a manifest carrying the real model identity: to the CLI it is an up-to-date index.
import path from 'node:path';
import { chunkArticle } from '../../../src/corpus/chunk.js';
import { loadCorpus } from '../../../src/corpus/load.js';
import type { Article, Chunk } from '../../../src/corpus/types.js';
import { fileStamp } from '../../../src/index/ingest.js';
import { indexInputs } from '../../../src/index/inputs.js';
import { BIGRAM_FIELD_WEIGHTS, LexicalIndex } from '../../../src/index/lexical.js';
import { bigramTerms } from '../../../src/text/segment.js';
import { writeIndex, type Manifest, type StoredIndex } from '../../../src/index/store.js';
import { calibrateEf, effectiveEf, VectorIndex, type Calibration, type HnswParams } from '../../../src/index/vector.js';
import type { BenchContext } from './context.js';
import { memory, now } from './stats.js';
import { sentencePool, writeSyntheticCorpus, type SyntheticCorpus } from './synthetic.js';
import { centres, clusteredVectors, DEFAULT_SPEC, row, type ClusteredSpec } from './vectors.js';

export interface BuildStats {
  ms: number;
  /** RSS growth over the build (after a full GC on both sides), bytes. */
  rssDelta: number;
  heapDelta: number;
}

export interface BigFixture {
  n: number;
  spec: ClusteredSpec;
  centres: Float32Array;
  /** n × dim, row i is the vector of chunk id i. */
  data: Float32Array;
  vectors: VectorIndex;
  build: BuildStats;
  corpusDir: string;
  indexDir: string;
  corpus: SyntheticCorpus;
  lexicalMs: number;
  writeMs: number;
  /** The same index as on disk, in memory (what openIndex would return). */
  stored: StoredIndex;
  /** calibrateEf on the graph, as ingest runs it; its ef is in the manifest and set on `vectors`. */
  calibration: Calibration & { ms: number };
}

/** calibrateEf over the rows of `data` (label = row), timed; sets the chosen ef unless a setting overrides it. */
export function calibrate(ctx: BenchContext, index: VectorIndex, data: Float32Array, dim: number): Calibration & { ms: number } {
  const t = now();
  const n = data.length / dim;
  const c = calibrateEf(index, { ids: Array.from({ length: n }, (_, i) => i), vector: (i) => row(data, i, dim) });
  index.setEf(effectiveEf(ctx.config.HNSW_EF_SEARCH, c.ef));
  return { ...c, ms: now() - t };
}

export function hnswParams(ctx: BenchContext): HnswParams {
  const c = ctx.config;
  return { m: c.HNSW_M, efConstruction: c.HNSW_EF_CONSTRUCTION, efSearch: effectiveEf(c.HNSW_EF_SEARCH, undefined) };
}

/** Builds an HNSW index of the rows of `data` the way ingest does (VectorIndex.add, label = row). */
export function buildHnsw(
  ctx: BenchContext,
  data: Float32Array,
  dim: number,
  label: string,
): { index: VectorIndex; stats: BuildStats } {
  const n = data.length / dim;
  const before = memory();
  const t0 = now();
  const index = VectorIndex.create(dim, hnswParams(ctx), n);
  let next = 0.1;
  for (let i = 0; i < n; i++) {
    index.add(i, row(data, i, dim));
    if (i + 1 >= next * n) {
      const el = (now() - t0) / 1000;
      ctx.progress(`  ${label}: ${Math.round(next * 100)}% of ${n} vectors in ${el.toFixed(0)} s`);
      next += 0.1;
    }
  }
  const ms = now() - t0;
  const after = memory();
  return { index, stats: { ms, rssDelta: after.rss - before.rss, heapDelta: after.heapUsed - before.heapUsed } };
}

export async function buildBigFixture(ctx: BenchContext): Promise<BigFixture> {
  const n = ctx.bigN;
  const embedder = await ctx.embedder();
  const spec = { ...DEFAULT_SPEC, dim: embedder.info.dim };
  ctx.progress(`big fixture: ${n} clustered vectors (dim ${spec.dim}) …`);
  const cs = centres(spec);
  const data = clusteredVectors(spec, n, 1, cs);
  ctx.progress(`big fixture: HNSW build of ${n} vectors (M ${ctx.config.HNSW_M}, efConstruction ${ctx.config.HNSW_EF_CONSTRUCTION}) …`);
  const { index: vectors, stats: build } = buildHnsw(ctx, data, spec.dim, `HNSW ${n}`);
  ctx.progress(`big fixture: calibrating efSearch …`);
  const calibration = calibrate(ctx, vectors, data, spec.dim);

  const corpusDir = path.join(ctx.tmp, `corpus-${n}`);
  const indexDir = path.join(ctx.tmp, `index-${n}`);
  const chunker = { maxChars: ctx.config.CHUNK_MAX_CHARS, overlapChars: ctx.config.CHUNK_OVERLAP_CHARS };
  ctx.progress(`big fixture: writing a synthetic corpus of ${n} chunks …`);
  const corpus = await writeSyntheticCorpus(corpusDir, n, await sentencePool('corpus'), chunker);

  // Chunk exactly as ingest does: articles in file order, ids counting up from 0.
  ctx.progress(`big fixture: loading and chunking ${corpus.articles} articles …`);
  const { articles, problems } = await loadCorpus(corpusDir);
  if (problems.length) throw new Error(`synthetic corpus has unreadable files: ${problems[0]!.message}`);
  const chunks: Chunk[] = [];
  const files: Manifest['files'] = {};
  for (const a of articles) {
    const made = chunkArticle(a, chunker, chunks.length);
    chunks.push(...made);
    files[a.meta.file] = { hash: a.hash, stamp: fileStamp(corpusDir, a.meta.file, new Set()) };
  }
  if (chunks.length !== n) throw new Error(`synthetic corpus gave ${chunks.length} chunks, expected ${n}`);

  ctx.progress(`big fixture: lexical index over ${n} chunks …`);
  let t = now();
  const titles = new Map(articles.map((a) => [a.meta.file, a.meta.title]));
  const docs = chunks.map((c) => ({ id: c.id, text: c.text, section: c.section, title: titles.get(c.file) ?? '' }));
  const lexical = LexicalIndex.build(docs);
  const bigrams = LexicalIndex.build(docs, BIGRAM_FIELD_WEIGHTS, bigramTerms);
  const lexicalMs = now() - t;

  ctx.progress(`big fixture: writing the index files …`);
  t = now();
  const hnsw = hnswParams(ctx);
  const manifest = await writeIndex(indexDir, {
    manifest: {
      inputs: indexInputs(),
      chunker,
      vectors: { ...embedder.info, space: 'cosine', m: hnsw.m, efConstruction: hnsw.efConstruction, deleted: 0, efSearch: calibration.ef },
      files,
      nextId: n,
    },
    articles,
    chunks,
    lexical,
    bigrams,
    vectors,
  });
  const writeMs = now() - t;
  const stored: StoredIndex = {
    manifest,
    articles: new Map(articles.map((a: Article) => [a.meta.file, a])),
    chunks: new Map(chunks.map((c) => [c.id, c])),
    lexical,
    bigrams,
    vectors,
  };
  return { n, spec, centres: cs, data, vectors, build, corpusDir, indexDir, corpus, lexicalMs, writeMs, stored, calibration };
}
