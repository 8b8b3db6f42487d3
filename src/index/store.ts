// The `embeddings/` folder: each build is written into its own version folder and published by
// atomically replacing the one-line `CURRENT` pointer, so a crash mid-ingest leaves the previous index
// in use. The manifest records everything needed to trust the files: model identity and dimension
// (hnswlib stores neither), chunker settings, per-file hashes and the size of every data file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Article, Chunk, ChunkerOptions } from '../corpus/types.js';
import type { EmbedderInfo } from '../embed/embedder.js';
import { AppError } from '../errors.js';
import { LexicalIndex } from './lexical.js';
import { decodeArticles, decodeChunks, encodeArticles, encodeChunks } from './records.js';
import { VectorIndex } from './vector.js';

/** Bump when the on-disk layout changes. */
export const FORMAT_VERSION = 6;
/** Bump when cleaning or chunking rules change: stored chunks are then rebuilt. */
export const CLEANER_VERSION = 3;

export interface VectorInfo extends EmbedderInfo {
  space: 'cosine';
  m: number;
  efConstruction: number;
  /** Labels marked deleted in the HNSW graph (hnswlib keeps them until a rebuild). */
  deleted: number;
  /** Smallest search ef measured at ingest to give recall@10 >= 0.99 on this graph (calibrateEf). */
  efSearch?: number;
}

export interface Manifest {
  format: number;
  cleaner: number;
  builtAt: string;
  chunker: ChunkerOptions;
  /** null: lexical-only index (no embedding model was available). */
  vectors: VectorInfo | null;
  /** Per article: content hash, and size+mtime of its files when indexed (a fast staleness check). */
  files: Record<string, { hash: string; stamp?: string }>;
  nextId: number;
  /** Byte size of every data file, checked on load to catch truncated or swapped files. */
  sizes: Record<string, number>;
}

export interface StoredIndex {
  manifest: Manifest;
  articles: Map<string, Article>;
  chunks: Map<number, Chunk>;
  lexical: LexicalIndex;
  /** BM25 over character bigrams (typos, OCR slips, abbreviations, unknown names). */
  bigrams: LexicalIndex;
  vectors: VectorIndex | null;
}

export class IndexMissingError extends AppError {}
export class IndexCorruptError extends AppError {}

const FILES = { manifest: 'manifest.json', articles: 'articles.json', texts: 'texts.u16', chunks: 'chunks.bin', lexical: 'lexical.bin', bigrams: 'bigrams.bin', vectors: 'vectors.hnsw' };

function currentVersion(dir: string): string | undefined {
  const pointer = path.join(dir, 'CURRENT');
  if (!existsSync(pointer)) return undefined;
  const name = readFileSync(pointer, 'utf8').trim();
  if (!/^v-[\w-]+$/.test(name)) throw new IndexCorruptError(`${pointer} does not name an index version`);
  return name;
}

/** The manifest of the published index, or undefined when none was built yet. */
export function readManifest(dir: string): Manifest | undefined {
  const version = currentVersion(dir);
  if (!version) return undefined;
  const file = path.join(dir, version, FILES.manifest);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (e) {
    throw new IndexCorruptError(`${file} is unreadable (${(e as Error).message.split('\n')[0]})`);
  }
  if (manifest.format !== FORMAT_VERSION) {
    throw new IndexCorruptError(`${file} has format ${manifest.format}, this version reads ${FORMAT_VERSION}`);
  }
  return manifest;
}

/**
 * Opens the published index; `efSearch` is applied after loading (hnswlib resets it to 10). The files are
 * read concurrently, the HNSW graph on a worker thread, so start-up can do other work meanwhile.
 */
export async function openIndex(dir: string, efSearch: number, opts: { vectors?: boolean } = {}): Promise<StoredIndex> {
  const manifest = readManifest(dir);
  if (!manifest) throw new IndexMissingError(`no index in ${dir}/ yet`);
  const base = path.join(dir, currentVersion(dir)!);
  for (const [name, size] of Object.entries(manifest.sizes)) {
    const file = path.join(base, name);
    let actual: number;
    try {
      actual = statSync(file).size;
    } catch {
      throw new IndexCorruptError(`${file} is missing`);
    }
    if (actual !== size) throw new IndexCorruptError(`${file} is ${actual} bytes, the manifest says ${size}: damaged`);
  }
  const unreadable = (name: string) => (e: unknown) => {
    throw new IndexCorruptError(`${base}/${name} is unreadable (${(e as Error).message.split('\n')[0]})`);
  };
  const [texts, articleJson, chunkBytes, lexicalBytes, bigramBytes, vectors] = await Promise.all([
    readFile(path.join(base, FILES.texts)),
    readFile(path.join(base, FILES.articles), 'utf8'),
    readFile(path.join(base, FILES.chunks)),
    readFile(path.join(base, FILES.lexical)),
    readFile(path.join(base, FILES.bigrams)),
    manifest.vectors && opts.vectors !== false // false: keyword mode, the graph would go unused
      ? VectorIndex.loadAsync(path.join(base, FILES.vectors), manifest.vectors.dim, efSearch, manifest.vectors.deleted).catch(unreadable(FILES.vectors))
      : null,
  ]);
  let list: Article[];
  let chunks: Map<number, Chunk>;
  try {
    list = decodeArticles(texts, articleJson);
    chunks = decodeChunks(chunkBytes, list);
  } catch (e) {
    throw new IndexCorruptError(`${base}: articles or passages are unreadable (${(e as Error).message.split('\n')[0]})`);
  }
  let lexical: LexicalIndex;
  let bigrams: LexicalIndex;
  try {
    lexical = LexicalIndex.fromBuffer(lexicalBytes);
  } catch (e) {
    return unreadable(FILES.lexical)(e);
  }
  try {
    bigrams = LexicalIndex.fromBuffer(bigramBytes);
  } catch (e) {
    return unreadable(FILES.bigrams)(e);
  }
  if (vectors && vectors.size !== chunks.size) {
    throw new IndexCorruptError(`${base}/${FILES.vectors} holds ${vectors.size} vectors for ${chunks.size} chunks`);
  }
  return { manifest, articles: new Map(list.map((a) => [a.meta.file, a])), chunks, lexical, bigrams, vectors };
}

export interface IndexContent {
  manifest: Omit<Manifest, 'sizes' | 'builtAt' | 'format' | 'cleaner'>;
  articles: Article[];
  chunks: Chunk[];
  lexical: LexicalIndex;
  bigrams: LexicalIndex;
  vectors: VectorIndex | null;
}

/** Writes a new version folder, then publishes it; older versions are removed afterwards. */
export async function writeIndex(dir: string, content: IndexContent): Promise<Manifest> {
  await mkdir(dir, { recursive: true });
  const version = `v-${Date.now().toString(36)}-${process.pid}`;
  const base = path.join(dir, version);
  await mkdir(base);
  const { texts, json } = encodeArticles(content.articles);
  await writeFile(path.join(base, FILES.texts), texts);
  await writeFile(path.join(base, FILES.articles), json);
  await writeFile(path.join(base, FILES.chunks), encodeChunks(content.chunks, content.articles));
  await writeFile(path.join(base, FILES.lexical), content.lexical.toBuffer());
  await writeFile(path.join(base, FILES.bigrams), content.bigrams.toBuffer());
  if (content.vectors) content.vectors.save(path.join(base, FILES.vectors));
  const sizes: Record<string, number> = {};
  for (const name of [FILES.articles, FILES.texts, FILES.chunks, FILES.lexical, FILES.bigrams, ...(content.vectors ? [FILES.vectors] : [])]) {
    sizes[name] = (await stat(path.join(base, name))).size;
  }
  const manifest: Manifest = {
    format: FORMAT_VERSION,
    cleaner: CLEANER_VERSION,
    builtAt: new Date().toISOString(),
    ...content.manifest,
    sizes,
  };
  // Pretty-printed for people while small; compact at archive size, where it is read at every start.
  await writeFile(path.join(base, FILES.manifest), JSON.stringify(manifest, null, Object.keys(manifest.files).length > 1000 ? 0 : 2));
  // rename() over an existing file is atomic on POSIX: readers see the old or the new pointer.
  const tmp = path.join(dir, `CURRENT.${process.pid}.tmp`);
  await writeFile(tmp, version + '\n');
  await rename(tmp, path.join(dir, 'CURRENT'));
  for (const name of await readdir(dir)) {
    if (name.startsWith('v-') && name !== version) await rm(path.join(dir, name), { recursive: true, force: true });
    if (/^CURRENT\.\d+\.tmp$/.test(name)) await rm(path.join(dir, name), { force: true });
  }
  return manifest;
}
