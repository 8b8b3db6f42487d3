// corpus/ → chunks → embeddings → index, incrementally, in two steps:
//   plan  — what changed since the published index (articles, build inputs, model), decided by the
//           staleness rules in `staleness()`, written once and shared with the start-up check;
//   apply — chunk and embed what the plan says, build the indexes and publish a new version.
// Articles whose bytes (and sidecar) are unchanged keep their chunks and vectors. A change of model,
// chunker settings or build inputs (src/index/inputs.ts) rebuilds what it invalidates, with a one-line
// reason. The whole ingest runs under the index's write lock: a second ingest waits, then finds the
// index up to date.
import { chunkArticle } from '../corpus/chunk.js';
import { AppError } from '../errors.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { articleHash, listCorpus, loadCorpus, readArticleFiles, sidecarName, type CorpusProblem } from '../corpus/load.js';
import type { Article, Chunk, ChunkerOptions } from '../corpus/types.js';
import type { Embedder, EmbedderInfo } from '../embed/embedder.js';
import { indexInputs, inputChange } from './inputs.js';
import { statsOffThread } from './offthread.js';
import { BIGRAM_FIELD_WEIGHTS, LexicalIndex } from './lexical.js';
import { bigramTerms, segmenter } from '../text/segment.js';
import {
  IndexCorruptError,
  openIndex,
  readManifest,
  withWriteLock,
  writeIndex,
  type Manifest,
  type StoredIndex,
  type VectorInfo,
  type WriteLock,
} from './store.js';
import { calibrateEf, VectorIndex, type HnswParams } from './vector.js';

export interface IngestOptions {
  corpusDir: string;
  indexDir: string;
  chunker: ChunkerOptions;
  hnsw: HnswParams;
  /** Absent: build a lexical-only index. */
  embedder?: Embedder | undefined;
  onProgress?: (event: IngestProgress) => void;
  /** How old the write lock's heartbeat may get before the lock counts as abandoned (default 60 s). */
  lockStaleMs?: number | undefined;
}

export type IngestProgress =
  | { phase: 'scan'; articles: number }
  | { phase: 'embed'; done: number; total: number }
  | { phase: 'write' }
  | { phase: 'notice'; message: string };

export interface IngestReport {
  articles: number;
  chunks: number;
  /** Chunks embedded in this run (0 when nothing changed). */
  embedded: number;
  changedFiles: string[];
  removedFiles: string[];
  problems: CorpusProblem[];
  model: string | null;
  upToDate: boolean;
  /** Why more than the changed articles was rebuilt (one line each). */
  reasons: string[];
  ms: number;
}

export class EmptyCorpusError extends AppError {}

/** Lets other callbacks run (a promise of setImmediate: node:timers/promises is not worth loading at start-up). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The text a chunk is embedded as: its section heading gives a paragraph its topic. */
export function embeddingText(chunk: Chunk): string {
  return chunk.section ? `${chunk.section}\n${chunk.text}` : chunk.text;
}

function sameModel(a: VectorInfo | null, b: EmbedderInfo | undefined, hnsw: HnswParams): boolean {
  if (!a || !b) return !a && !b;
  return (
    a.model === b.model &&
    a.quantized === b.quantized &&
    a.dim === b.dim &&
    a.pooling === b.pooling &&
    a.queryPrefix === b.queryPrefix &&
    a.passagePrefix === b.passagePrefix &&
    a.m === hnsw.m &&
    a.efConstruction === hnsw.efConstruction
  );
}

const describeModel = (m: { model: string; dim: number; quantized: boolean } | null | undefined) =>
  m ? `${m.model} (${m.dim} dimensions${m.quantized ? ', int8' : ''})` : 'no embedding model';

/**
 * The staleness rules, in one place: why the stored chunks cannot be reused (re-chunk every article),
 * and why the stored vectors cannot (embed every passage). Undefined: reusable.
 */
export function staleness(manifest: Manifest, opts: Pick<IngestOptions, 'chunker' | 'embedder' | 'hnsw'>): { chunks?: string; vectors?: string } {
  const out: { chunks?: string; vectors?: string } = {};
  const inputs = inputChange(manifest.inputs);
  if (inputs) out.chunks = `${inputs} since the last build: re-chunking every article`;
  else if (manifest.chunker.maxChars !== opts.chunker.maxChars || manifest.chunker.overlapChars !== opts.chunker.overlapChars) {
    out.chunks = `chunk size changed (${manifest.chunker.maxChars}/${manifest.chunker.overlapChars} → ${opts.chunker.maxChars}/${opts.chunker.overlapChars} characters): re-chunking every article`;
  }
  // Without a model the stored vectors are kept (unused) rather than thrown away.
  const info = opts.embedder?.info;
  if (info && !sameModel(manifest.vectors, info, opts.hnsw)) {
    out.vectors = `the index was built with ${describeModel(manifest.vectors)}; embedding every passage with ${describeModel(info)}`;
  }
  return out;
}

/** Reads the previous index if it can be trusted; otherwise reports why and starts afresh. */
async function previous(opts: IngestOptions): Promise<StoredIndex | undefined> {
  try {
    const manifest = readManifest(opts.indexDir);
    if (!manifest) return undefined;
    return await openIndex(opts.indexDir, opts.hnsw.efSearch);
  } catch (e) {
    if (!(e instanceof IndexCorruptError)) throw e;
    opts.onProgress?.({ phase: 'notice', message: `the existing index cannot be used (${e.message}); rebuilding it from corpus/` });
    return undefined;
  }
}

/**
 * Cheap staleness check for start-up: compares file hashes and settings with the manifest without
 * cleaning or chunking anything. True when `ingest` would have nothing to do. `stamped`: the corpus's
 * stamps, when start-up began taking them earlier (`corpusStamps`).
 */
export async function indexIsCurrent(opts: Omit<IngestOptions, 'onProgress'>, stamped?: Promise<CorpusStamps | undefined>): Promise<boolean> {
  let manifest: Manifest | undefined;
  try {
    manifest = readManifest(opts.indexDir);
  } catch {
    return false;
  }
  if (!manifest) return false;
  const stale = staleness(manifest, opts);
  if (stale.chunks || stale.vectors) return false;
  const listing = await (stamped ?? corpusStamps(opts.corpusDir));
  if (!listing || listing.articles.length !== Object.keys(manifest.files).length) return false;
  for (const [i, f] of listing.articles.entries()) {
    const known = manifest.files[f];
    if (!known) return false;
    // Same size and modification time as when indexed: unchanged, no need to read it (as git does).
    if (known.stamp !== undefined && known.stamp === listing.stamps[i]) continue;
    const hash = await readArticleFiles(opts.corpusDir, f).then(articleHash, () => undefined);
    if (known.hash !== hash) return false;
  }
  return true;
}

/** The articles of corpus/ (sorted) and the `fileStamp` of each. */
export interface CorpusStamps {
  articles: string[];
  stamps: string[];
}

/** Corpora of at least this many files are stat'd on a worker thread (below it, starting one costs more). */
const STAT_OFF_THREAD_FROM = 2000;

/**
 * The corpus's articles with their stamps; undefined when they cannot be had (the folder cannot be
 * listed, a file cannot be stat'd): then the index is not known to be current, and ingest says why.
 */
export async function corpusStamps(dir: string, offThreadFrom = STAT_OFF_THREAD_FROM): Promise<CorpusStamps | undefined> {
  try {
    const { articles, sidecars } = await listCorpus(dir);
    if (articles.length + sidecars.size < offThreadFrom) return { articles, stamps: articles.map((f) => fileStamp(dir, f, sidecars)) };
    // The same stamps as fileStamp's, from stat calls made on a worker thread.
    const names = [...articles, ...sidecars];
    const st = await statsOffThread(dir, names);
    const stamps = new Map(names.map((n, i) => [n, Number.isNaN(st[2 * i]!) ? '-' : stampOf({ size: st[2 * i]!, mtimeMs: st[2 * i + 1]! })]));
    return { articles, stamps: articles.map((f) => `${stamps.get(f)}|${stamps.get(sidecarName(f)) ?? '-'}`) };
  } catch {
    return undefined;
  }
}

const stampOf = (st: { size: number; mtimeMs: number } | undefined) => (st ? `${st.size}:${st.mtimeMs}` : '-');

/** Size and modification time of an article and of its sidecar (if listed), as one comparable string. */
export function fileStamp(dir: string, file: string, sidecars: Set<string>): string {
  // Synchronous on purpose: 15k statSync calls take ~0.15 s, the same as promises take ~0.5 s.
  const stamp = (name: string) => stampOf(statSync(path.join(dir, name), { throwIfNoEntry: false }));
  const sidecar = sidecarName(file);
  return `${stamp(file)}|${sidecars.has(sidecar) ? stamp(sidecar) : '-'}`;
}

/** What an ingest will do, decided before any chunking or embedding. */
export interface IngestPlan {
  /** The index in use, when it can be trusted. */
  prev: StoredIndex | undefined;
  /** Readable articles of corpus/ now, and the files that could not be read. */
  articles: Article[];
  problems: CorpusProblem[];
  sidecars: Set<string>;
  /** Stored chunks of unchanged articles are kept; otherwise every article is chunked again. */
  chunksReusable: boolean;
  /** The stored HNSW graph is extended; otherwise a new graph is built. */
  vectorsReusable: boolean;
  /** Articles to chunk (and embed) again: new or changed, or all when chunks are not reusable. */
  changedFiles: string[];
  removedFiles: string[];
  /** One line each: why more than the changed articles is rebuilt. */
  reasons: string[];
  upToDate: boolean;
}

export async function planIngest(opts: IngestOptions): Promise<IngestPlan> {
  // Whole articles are segmented: with jieba's full dictionary (the word table is for short texts).
  segmenter();
  const { articles, problems } = await loadCorpus(opts.corpusDir);
  const listing = await listCorpus(opts.corpusDir);
  opts.onProgress?.({ phase: 'scan', articles: articles.length });
  if (articles.length === 0) {
    const why = problems.length ? ` (${problems.length} file(s) could not be read)` : '';
    throw new EmptyCorpusError(`no readable articles in ${opts.corpusDir}/${why}: add .txt or .md files and run again`);
  }
  const prev = await previous(opts);
  const stale = prev ? staleness(prev.manifest, opts) : {};
  const reasons = [stale.chunks, stale.vectors].filter((r): r is string => r !== undefined);
  for (const message of reasons) opts.onProgress?.({ phase: 'notice', message });
  const chunksReusable = prev !== undefined && stale.chunks === undefined;
  const vectorsReusable = chunksReusable && prev!.vectors !== null && stale.vectors === undefined && opts.embedder !== undefined;
  const unreadable = new Set(problems.map((p) => p.file));
  const changedFiles = articles.filter((a) => !chunksReusable || prev!.manifest.files[a.meta.file]?.hash !== a.hash).map((a) => a.meta.file);
  // A file that was indexed before but cannot be read now is kept (see apply): not "removed".
  const now = new Set([...articles.map((a) => a.meta.file), ...(chunksReusable ? [...unreadable].filter((f) => prev!.articles.has(f)) : [])]);
  const removedFiles = prev ? Object.keys(prev.manifest.files).filter((f) => !now.has(f)) : [];
  for (const f of unreadable) {
    if (chunksReusable && prev!.articles.has(f)) opts.onProgress?.({ phase: 'notice', message: `${f}: keeping the previously indexed version` });
  }
  const upToDate = chunksReusable && stale.vectors === undefined && changedFiles.length === 0 && removedFiles.length === 0;
  return { prev, articles, problems, sidecars: listing.sidecars, chunksReusable, vectorsReusable, changedFiles, removedFiles, reasons, upToDate };
}

/** Brings the index in `opts.indexDir` up to date with corpus/ (as the only writer; waits for another). */
export async function ingest(opts: IngestOptions): Promise<IngestReport> {
  const t0 = performance.now();
  return withWriteLock(opts.indexDir, async (lock) => {
    const plan = await planIngest(opts);
    // Articles kept from the last index because their file cannot be read now count: they still answer.
    const { embedded, chunks, articles } = plan.upToDate
      ? { embedded: 0, chunks: plan.prev!.chunks.size, articles: plan.prev!.articles.size }
      : await applyIngest(plan, opts, lock);
    return {
      articles,
      chunks,
      embedded,
      changedFiles: plan.changedFiles,
      removedFiles: plan.removedFiles,
      problems: plan.problems,
      model: opts.embedder?.info.model ?? null,
      upToDate: plan.upToDate,
      reasons: plan.reasons,
      ms: Math.round(performance.now() - t0),
    };
  }, opts.lockStaleMs);
}

/** Passages handed to the embedder at once: it sorts them by token count, so bigger is tighter. */
const EMBED_WINDOW = 2048;

/** Chunks and embeds what the plan says, builds the indexes and publishes them. */
export async function applyIngest(plan: IngestPlan, opts: IngestOptions, lock: WriteLock): Promise<{ embedded: number; chunks: number; articles: number }> {
  const { prev, chunksReusable, vectorsReusable } = plan;
  const info = opts.embedder?.info;
  let nextId = chunksReusable ? prev!.manifest.nextId : 0;
  // The previous index's chunks of each article (in id order, as they were made).
  const previousChunks = new Map<string, Chunk[]>();
  if (prev) {
    for (const c of [...prev.chunks.values()].sort((a, b) => a.id - b.id)) {
      const list = previousChunks.get(c.file);
      if (list) list.push(c);
      else previousChunks.set(c.file, [c]);
    }
  }
  const changed = new Set(plan.changedFiles);
  const files: Manifest['files'] = {};
  const chunks: Chunk[] = [];
  const fresh: Chunk[] = [];
  for (const article of plan.articles) {
    if (!changed.has(article.meta.file)) {
      chunks.push(...(previousChunks.get(article.meta.file) ?? []));
      files[article.meta.file] = prev!.manifest.files[article.meta.file]!;
      continue;
    }
    const made = chunkArticle(article, opts.chunker, nextId);
    nextId += made.length;
    chunks.push(...made);
    fresh.push(...made);
    files[article.meta.file] = { hash: article.hash, stamp: fileStamp(opts.corpusDir, article.meta.file, plan.sidecars) };
  }
  // A file that was indexed before but cannot be read now keeps its previous version: losing it
  // silently from the answers would be worse than answering from the last good copy.
  const keptArticles = [...plan.articles];
  for (const p of plan.problems) {
    const old = chunksReusable ? prev!.manifest.files[p.file] : undefined;
    const article = prev?.articles.get(p.file);
    if (!old || !article) continue;
    chunks.push(...(previousChunks.get(p.file) ?? []));
    files[p.file] = old;
    keptArticles.push(article);
  }
  const live = new Set(chunks.map((c) => c.id));

  // Vectors: extend the previous graph when the model and chunks are unchanged; otherwise build a new
  // graph, still reusing the stored vector of any passage whose text is unchanged (same model only).
  let vectors: VectorIndex | null = null;
  let deleted = 0;
  let embedded = 0;
  if (opts.embedder && info) {
    let toEmbed: Chunk[];
    if (vectorsReusable) {
      toEmbed = fresh;
      vectors = prev!.vectors!;
      for (const id of prev!.chunks.keys()) if (!live.has(id)) vectors.remove(id);
      deleted = vectors.deletedCount;
      // Deleted labels still cost search time and memory: rebuild once they are a third of the graph.
      if (deleted > 0 && deleted * 3 > vectors.size + deleted) {
        const rebuilt = VectorIndex.create(info.dim, opts.hnsw, chunks.length);
        const freshIds = new Set(fresh.map((c) => c.id));
        let n = 0;
        for (const c of chunks) {
          if (freshIds.has(c.id)) continue;
          rebuilt.add(c.id, vectors.vector(c.id));
          if (++n % 1000 === 0) await yieldToEventLoop(); // keeps the write lock's heartbeat going
        }
        vectors = rebuilt;
        deleted = 0;
      }
    } else {
      vectors = VectorIndex.create(info.dim, opts.hnsw, chunks.length);
      const old = prev?.vectors && !staleness(prev.manifest, opts).vectors ? prev : undefined;
      const byText = new Map<string, number>();
      if (old) for (const c of old.chunks.values()) byText.set(embeddingText(c), c.id);
      toEmbed = [];
      let n = 0;
      for (const c of chunks) {
        const id = byText.get(embeddingText(c));
        if (id === undefined) toEmbed.push(c);
        else vectors.add(c.id, old!.vectors!.vector(id));
        if (++n % 1000 === 0) await yieldToEventLoop();
      }
    }
    const total = toEmbed.length;
    opts.onProgress?.({ phase: 'embed', done: 0, total });
    for (let i = 0; i < total; i += EMBED_WINDOW) {
      const part = toEmbed.slice(i, i + EMBED_WINDOW);
      const vecs = await opts.embedder.embedPassages(part.map(embeddingText), (done) =>
        opts.onProgress?.({ phase: 'embed', done: embedded + done, total }),
      );
      part.forEach((c, k) => vectors!.add(c.id, vecs[k]!));
      embedded += part.length;
    }
  }

  // Measure the search effort this graph needs (recorded in the manifest; search uses it by default).
  const efSearch = vectors ? calibrateEf(vectors, { ids: chunks.map((c) => c.id), vector: (id) => vectors!.vector(id) }).ef : undefined;

  opts.onProgress?.({ phase: 'write' });
  const titles = new Map(keptArticles.map((a) => [a.meta.file, a.meta.title]));
  const docs = chunks.map((c) => ({ id: c.id, text: c.text, section: c.section, title: titles.get(c.file) ?? '' }));
  const lexical = LexicalIndex.build(docs);
  const bigrams = LexicalIndex.build(docs, BIGRAM_FIELD_WEIGHTS, bigramTerms);
  await writeIndex(lock, {
    manifest: {
      inputs: indexInputs(),
      chunker: opts.chunker,
      vectors: info && vectors ? { ...info, space: 'cosine', m: opts.hnsw.m, efConstruction: opts.hnsw.efConstruction, deleted, efSearch } : null,
      files,
      nextId,
    },
    articles: keptArticles,
    chunks,
    lexical,
    bigrams,
    vectors,
  });
  return { embedded, chunks: chunks.length, articles: keptArticles.length };
}
