// corpus/ → chunks → embeddings → index, incrementally: articles whose bytes (and sidecar) are unchanged
// keep their chunks and vectors; only new or changed articles are chunked and embedded again. A change
// of model, chunker or cleaning rules rebuilds what it invalidates.
import { chunkArticle } from '../corpus/chunk.js';
import { AppError } from '../errors.js';
import { statSync } from 'node:fs';
import path from 'node:path';
import { articleHash, listCorpus, loadCorpus, readArticleFiles, sidecarName, type CorpusProblem } from '../corpus/load.js';
import type { Chunk, ChunkerOptions } from '../corpus/types.js';
import type { Embedder, EmbedderInfo } from '../embed/embedder.js';
import { BIGRAM_FIELD_WEIGHTS, LexicalIndex } from './lexical.js';
import { bigramTerms } from '../text/segment.js';
import {
  CLEANER_VERSION,
  IndexCorruptError,
  openIndex,
  readManifest,
  writeIndex,
  type Manifest,
  type StoredIndex,
  type VectorInfo,
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
  ms: number;
}

export class EmptyCorpusError extends AppError {}

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
 * cleaning or chunking anything. True when `ingest` would have nothing to do.
 */
export async function indexIsCurrent(opts: Omit<IngestOptions, 'onProgress'>): Promise<boolean> {
  let manifest: Manifest | undefined;
  try {
    manifest = readManifest(opts.indexDir);
  } catch {
    return false;
  }
  if (!manifest || manifest.cleaner !== CLEANER_VERSION) return false;
  if (manifest.chunker.maxChars !== opts.chunker.maxChars || manifest.chunker.overlapChars !== opts.chunker.overlapChars) return false;
  // Without a model the stored vectors are kept (unused) rather than thrown away.
  if (opts.embedder && !sameModel(manifest.vectors, opts.embedder.info, opts.hnsw)) return false;
  const listing = await listCorpus(opts.corpusDir).catch(() => undefined);
  if (!listing || listing.articles.length !== Object.keys(manifest.files).length) return false;
  for (const f of listing.articles) {
    const known = manifest.files[f];
    if (!known) return false;
    // Same size and modification time as when indexed: unchanged, no need to read it (as git does).
    if (known.stamp !== undefined && known.stamp === fileStamp(opts.corpusDir, f, listing.sidecars)) continue;
    const hash = await readArticleFiles(opts.corpusDir, f).then(articleHash, () => undefined);
    if (known.hash !== hash) return false;
  }
  return true;
}

/** Size and modification time of an article and of its sidecar (if listed), as one comparable string. */
export function fileStamp(dir: string, file: string, sidecars: Set<string>): string {
  // Synchronous on purpose: 15k statSync calls take ~0.15 s, the same as promises take ~0.5 s.
  const stamp = (name: string) => {
    const st = statSync(path.join(dir, name), { throwIfNoEntry: false });
    return st ? `${st.size}:${st.mtimeMs}` : '-';
  };
  const sidecar = sidecarName(file);
  return `${stamp(file)}|${sidecars.has(sidecar) ? stamp(sidecar) : '-'}`;
}

export async function ingest(opts: IngestOptions): Promise<IngestReport> {
  const t0 = performance.now();
  const { articles, problems } = await loadCorpus(opts.corpusDir);
  const listing = await listCorpus(opts.corpusDir);
  opts.onProgress?.({ phase: 'scan', articles: articles.length });
  if (articles.length === 0) {
    const why = problems.length ? ` (${problems.length} file(s) could not be read)` : '';
    throw new EmptyCorpusError(`no readable articles in ${opts.corpusDir}/${why}: add .txt or .md files and run again`);
  }

  const prev = await previous(opts);
  const info = opts.embedder?.info;
  const chunksReusable =
    prev !== undefined &&
    prev.manifest.cleaner === CLEANER_VERSION &&
    prev.manifest.chunker.maxChars === opts.chunker.maxChars &&
    prev.manifest.chunker.overlapChars === opts.chunker.overlapChars;
  const vectorsReusable = chunksReusable && prev!.vectors !== null && sameModel(prev!.manifest.vectors, info, opts.hnsw);
  if (prev) {
    const was = prev.manifest.vectors;
    const describe = (m: { model: string; dim: number; quantized: boolean } | null | undefined) =>
      m ? `${m.model} (${m.dim} dimensions${m.quantized ? ', int8' : ''})` : 'no embedding model';
    if (!chunksReusable) opts.onProgress?.({ phase: 'notice', message: 'chunking or cleaning rules changed since the last build: re-chunking every article' });
    if (info && !sameModel(was, info, opts.hnsw)) {
      opts.onProgress?.({ phase: 'notice', message: `the index was built with ${describe(was)}; embedding every passage with ${describe(info)}` });
    }
  }

  let nextId = chunksReusable ? prev!.manifest.nextId : 0;
  // The previous index's chunks of each article (in id order, as they were made).
  const previousChunks = new Map<string, Chunk[]>();
  if (chunksReusable) {
    for (const c of [...prev!.chunks.values()].sort((a, b) => a.id - b.id)) {
      const list = previousChunks.get(c.file);
      if (list) list.push(c);
      else previousChunks.set(c.file, [c]);
    }
  }
  const files: Manifest['files'] = {};
  const chunks: Chunk[] = [];
  const fresh: Chunk[] = [];
  const changedFiles: string[] = [];
  for (const article of articles) {
    const old = chunksReusable ? prev!.manifest.files[article.meta.file] : undefined;
    if (old && old.hash === article.hash) {
      chunks.push(...(previousChunks.get(article.meta.file) ?? []));
      files[article.meta.file] = old;
      continue;
    }
    changedFiles.push(article.meta.file);
    const made = chunkArticle(article, opts.chunker, nextId);
    nextId += made.length;
    chunks.push(...made);
    fresh.push(...made);
    files[article.meta.file] = { hash: article.hash, stamp: fileStamp(opts.corpusDir, article.meta.file, listing.sidecars) };
  }
  // A file that was indexed before but cannot be read now keeps its previous version: losing it
  // silently from the answers would be worse than answering from the last good copy.
  const keptArticles = [...articles];
  for (const p of problems) {
    const old = chunksReusable ? prev!.manifest.files[p.file] : undefined;
    const article = prev?.articles.get(p.file);
    if (!old || !article) continue;
    chunks.push(...(previousChunks.get(p.file) ?? []));
    files[p.file] = old;
    keptArticles.push(article);
    opts.onProgress?.({ phase: 'notice', message: `${p.file}: keeping the previously indexed version` });
  }
  const removedFiles = prev ? Object.keys(prev.manifest.files).filter((f) => !(f in files)) : [];
  const live = new Set(chunks.map((c) => c.id));

  const upToDate =
    chunksReusable &&
    changedFiles.length === 0 &&
    removedFiles.length === 0 &&
    (!info || sameModel(prev!.manifest.vectors, info, opts.hnsw));
  const report = (embedded: number): IngestReport => ({
    articles: articles.length,
    chunks: chunks.length,
    embedded,
    changedFiles,
    removedFiles,
    problems,
    model: info?.model ?? null,
    upToDate,
    ms: Math.round(performance.now() - t0),
  });
  if (upToDate) return report(0);

  // Vectors: extend the previous graph when the model is unchanged, otherwise embed everything.
  let vectors: VectorIndex | null = null;
  let deleted = 0;
  let embedded = 0;
  if (opts.embedder && info) {
    const toEmbed = vectorsReusable ? fresh : chunks;
    if (vectorsReusable) {
      vectors = prev!.vectors!;
      for (const id of prev!.chunks.keys()) if (!live.has(id)) vectors.remove(id);
      deleted = vectors.deletedCount;
      // Deleted labels still cost search time and memory: rebuild once they are a third of the graph.
      if (deleted > 0 && deleted * 3 > vectors.size + deleted) {
        const rebuilt = VectorIndex.create(info.dim, opts.hnsw, chunks.length);
        const freshIds = new Set(fresh.map((c) => c.id));
        for (const c of chunks) if (!freshIds.has(c.id)) rebuilt.add(c.id, vectors.vector(c.id));
        vectors = rebuilt;
        deleted = 0;
      }
    } else {
      vectors = VectorIndex.create(info.dim, opts.hnsw, chunks.length);
    }
    const total = toEmbed.length;
    opts.onProgress?.({ phase: 'embed', done: 0, total });
    const batch = 64; // progress granularity; the embedder batches internally
    for (let i = 0; i < total; i += batch) {
      const part = toEmbed.slice(i, i + batch);
      const vecs = await opts.embedder.embedPassages(part.map(embeddingText));
      part.forEach((c, k) => vectors!.add(c.id, vecs[k]!));
      embedded += part.length;
      opts.onProgress?.({ phase: 'embed', done: embedded, total });
    }
  }

  // Measure the search effort this graph needs (recorded in the manifest; search uses it by default).
  const efSearch = vectors ? calibrateEf(vectors, { ids: chunks.map((c) => c.id), vector: (id) => vectors!.vector(id) }).ef : undefined;

  opts.onProgress?.({ phase: 'write' });
  const titles = new Map(keptArticles.map((a) => [a.meta.file, a.meta.title]));
  const docs = chunks.map((c) => ({ id: c.id, text: c.text, section: c.section, title: titles.get(c.file) ?? '' }));
  const lexical = LexicalIndex.build(docs);
  const bigrams = LexicalIndex.build(docs, BIGRAM_FIELD_WEIGHTS, bigramTerms);
  await writeIndex(opts.indexDir, {
    manifest: {
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
  return report(embedded);
}
