// The `embeddings/` folder: each build is written into its own version folder and published by
// atomically replacing the one-line `CURRENT` pointer, so a crash mid-ingest leaves the previous index
// in use. The manifest records everything needed to trust the files: model identity and dimension
// (hnswlib stores neither), the build inputs (src/index/inputs.ts), chunker settings, per-article
// hashes, and the size and checksum of every data file; `CURRENT` carries the manifest's own checksum.
//
// One writer at a time (a lock file, `withWriteLock`); readers never take the lock. A publish writes
// and fsyncs the files, then the folder, then swaps `CURRENT` (temp file, fsync, rename, fsync folder),
// then prunes old versions — never the current or the previous one, so a reader that has just read
// `CURRENT` still finds its folder.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Article, Chunk, ChunkerOptions } from '../corpus/types.js';
import type { EmbedderInfo } from '../embed/embedder.js';
import { AppError } from '../errors.js';
import { checksum, fileChecksum } from './checksum.js';
import { fileChecksumOffThread, readFilesHere, readFilesOffThread } from './offthread.js';
import { LexicalIndex } from './lexical.js';
import { decodeArticles, decodeChunks, encodeArticles, encodeChunks } from './records.js';
import { VectorIndex } from './vector.js';

/** Bump when the on-disk layout changes. */
export const FORMAT_VERSION = 7;

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
  builtAt: string;
  /** Versions and content hashes of everything else that decides the index (src/index/inputs.ts). */
  inputs: Record<string, string>;
  chunker: ChunkerOptions;
  /** null: lexical-only index (no embedding model was available). */
  vectors: VectorInfo | null;
  /** Per article: content hash, and size+mtime of its files when indexed (a fast staleness check). */
  files: Record<string, { hash: string; stamp?: string }>;
  nextId: number;
  /** Byte size of every data file, checked on load to catch truncated or swapped files. */
  sizes: Record<string, number>;
  /** xxHash64 of every data file, verified on load: a flipped byte means rebuild, never a crash. */
  checksums: Record<string, string>;
}

export interface StoredIndex {
  manifest: Manifest;
  articles: Map<string, Article>;
  chunks: ReadonlyMap<number, Chunk>;
  lexical: LexicalIndex;
  /** BM25 over character bigrams (typos, OCR slips, abbreviations, unknown names). */
  bigrams: LexicalIndex;
  vectors: VectorIndex | null;
}

export class IndexMissingError extends AppError {}
export class IndexCorruptError extends AppError {}
/** Writing the index failed (disk full, permissions, …): the message names the path. */
export class IndexWriteError extends AppError {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Indexes whose data files (all but the graph) are at least this large are read on a worker thread (at 100k passages: 330 MB); smaller ones here, where that is quicker than starting a worker. */
const READ_OFF_THREAD_FROM = 16 << 20;

/** The files of a version folder. */
export const FILES = { manifest: 'manifest.json', articles: 'articles.json', texts: 'texts.u16', chunks: 'chunks.bin', lexical: 'lexical.bin', bigrams: 'bigrams.bin', vectors: 'vectors.hnsw' };

interface Pointer {
  version: string;
  /** Checksum of the version's manifest.json. */
  manifest: string;
}

function currentPointer(dir: string): Pointer | undefined {
  const pointer = path.join(dir, 'CURRENT');
  if (!existsSync(pointer)) return undefined;
  const line = readFileSync(pointer, 'utf8').trim();
  const m = /^(v-[\w-]+) ([0-9a-f]{16})$/.exec(line);
  if (!m && /^v-[\w-]+$/.test(line)) throw new IndexCorruptError(`${pointer} was written by an older version of coverage-bot (no checksums)`);
  if (!m) throw new IndexCorruptError(`${pointer} does not name an index version`);
  return { version: m[1]!, manifest: m[2]! };
}

/** The name of the published version folder, or undefined when none was built yet. */
export function currentVersion(dir: string): string | undefined {
  return currentPointer(dir)?.version;
}

/**
 * The manifest last parsed, by the checksum of its bytes. Start-up reads the manifest twice (to open the
 * index, and to check that it is current), and parsing it again cost ~30 ms at 100k passages; the bytes
 * are still read and verified every time, so only identical bytes are not parsed again. (Manifests are
 * never modified once read.)
 */
let lastParsed: { checksum: string; manifest: Manifest } | undefined;

function readManifestAt(dir: string, pointer: Pointer): Manifest {
  const file = path.join(dir, pointer.version, FILES.manifest);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new IndexCorruptError(`${file} is unreadable (${(e as Error).message.split('\n')[0]})`);
  }
  if (checksum(bytes) !== pointer.manifest) throw new IndexCorruptError(`${file} does not match its checksum in CURRENT: damaged`);
  if (lastParsed?.checksum === pointer.manifest) return lastParsed.manifest;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
  } catch (e) {
    throw new IndexCorruptError(`${file} is unreadable (${(e as Error).message.split('\n')[0]})`);
  }
  if (manifest.format !== FORMAT_VERSION) {
    throw new IndexCorruptError(`${file} has format ${manifest.format}, this version reads ${FORMAT_VERSION}`);
  }
  lastParsed = { checksum: pointer.manifest, manifest };
  return manifest;
}

/** The manifest of the published index, or undefined when none was built yet. */
export function readManifest(dir: string): Manifest | undefined {
  const pointer = currentPointer(dir);
  return pointer && readManifestAt(dir, pointer);
}

/**
 * Opens the published index; `efSearch` is applied after loading (hnswlib resets it to 10). The files are
 * read concurrently, the HNSW graph on a worker thread, so start-up can do other work meanwhile. Every
 * file is checked against the manifest's size and checksum before it is decoded — the HNSW graph before
 * hnswlib reads it, since a damaged graph crashes the native code.
 */
export async function openIndex(dir: string, efSearch: number, opts: { vectors?: boolean; readOffThreadFrom?: number } = {}): Promise<StoredIndex> {
  // A writer may publish (and prune) while we read: if our version vanished under us, read the new one.
  for (let attempt = 0; ; attempt++) {
    const pointer = currentPointer(dir);
    if (!pointer) throw new IndexMissingError(`no index in ${dir}/ yet`);
    try {
      return await openVersion(dir, pointer, efSearch, opts.vectors !== false, opts.readOffThreadFrom ?? READ_OFF_THREAD_FROM);
    } catch (e) {
      if (attempt < 3 && currentPointer(dir)?.version !== pointer.version) continue;
      throw e;
    }
  }
}

async function openVersion(dir: string, pointer: Pointer, efSearch: number, withVectors: boolean, readOffThreadFrom: number): Promise<StoredIndex> {
  const manifest = readManifestAt(dir, pointer);
  const base = path.join(dir, pointer.version);
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
    if (e instanceof IndexCorruptError) throw e;
    throw new IndexCorruptError(`${base}/${name} is unreadable (${(e as Error).message.split('\n')[0]})`);
  };
  // Read and hashed in the order they are decoded here, on a worker thread unless they are small; the
  // lexical indexes are only hashed, and opened here (their postings stay in the files until a query
  // reads them).
  const dataFiles = [FILES.articles, FILES.texts, FILES.chunks];
  const lexicalFiles = [FILES.lexical, FILES.bigrams];
  const bytes = [...dataFiles, ...lexicalFiles].reduce((sum, name) => sum + (manifest.sizes[name] ?? 0), 0);
  const { reads, hashes } = (bytes < readOffThreadFrom ? readFilesHere : readFilesOffThread)(
    dataFiles.map((name) => path.join(base, name)),
    lexicalFiles.map((name) => path.join(base, name)),
  );
  const verified = (name: string, sum: string) => {
    if (manifest.checksums[name] !== sum) throw new IndexCorruptError(`${base}/${name} does not match its checksum: damaged`);
  };
  const read = (name: string): Promise<Buffer> =>
    reads[dataFiles.indexOf(name)]!.then(({ bytes, checksum: sum }) => (verified(name, sum), bytes), unreadable(name));
  const lexicalIndex = (name: string): Promise<LexicalIndex> => {
    let opened: LexicalIndex | Error;
    try {
      opened = LexicalIndex.openFile(path.join(base, name));
    } catch (e) {
      opened = e as Error;
    }
    // Used only once the whole file is verified; a damaged file is reported as such first.
    return hashes[lexicalFiles.indexOf(name)]!.then((sum) => {
      verified(name, sum);
      if (opened instanceof Error) throw opened;
      return opened;
    }).catch(unreadable(name));
  };
  const loadVectors = async (v: VectorInfo): Promise<VectorIndex> => {
    const file = path.join(base, FILES.vectors);
    if (manifest.checksums[FILES.vectors] !== (await fileChecksumOffThread(file))) {
      throw new IndexCorruptError(`${file} does not match its checksum: damaged`);
    }
    return VectorIndex.loadAsync(file, v.dim, efSearch, v.deleted);
  };
  // Articles and passages are decoded while the lexical indexes are still being hashed.
  const records = Promise.all([read(FILES.texts), read(FILES.articles), read(FILES.chunks)]).then(([texts, articleBytes, chunkBytes]) => {
    try {
      const list = decodeArticles(texts, articleBytes.toString('utf8'));
      return { list, chunks: decodeChunks(chunkBytes, list) };
    } catch (e) {
      throw new IndexCorruptError(`${base}: articles or passages are unreadable (${(e as Error).message.split('\n')[0]})`);
    }
  });
  const [{ list, chunks }, lexical, bigrams, vectors] = await Promise.all([
    records,
    lexicalIndex(FILES.lexical),
    lexicalIndex(FILES.bigrams),
    // Keyword mode (no model) never uses the graph: not read, not verified.
    manifest.vectors && withVectors ? loadVectors(manifest.vectors).catch(unreadable(FILES.vectors)) : null,
  ]);
  if (vectors && vectors.size !== chunks.size) {
    throw new IndexCorruptError(`${base}/${FILES.vectors} holds ${vectors.size} vectors for ${chunks.size} chunks`);
  }
  return { manifest, articles: new Map(list.map((a) => [a.meta.file, a])), chunks, lexical, bigrams, vectors };
}

export interface IndexContent {
  manifest: Omit<Manifest, 'sizes' | 'checksums' | 'builtAt' | 'format'>;
  articles: Article[];
  chunks: Chunk[];
  lexical: LexicalIndex;
  /** BM25 over character bigrams (typos, OCR slips, abbreviations, unknown names). */
  bigrams: LexicalIndex;
  vectors: VectorIndex | null;
}

/** Held while a process may write `dir`; `writeIndex` refuses to run without it. */
export interface WriteLock {
  readonly dir: string;
  /** Set when another process took the lock over (we looked dead to it): do not publish. */
  compromised?: Error;
}

/**
 * Runs `fn` as the only writer of `dir`, waiting for another writer to finish first. A lock left by a
 * crashed process is taken over once its heartbeat (the lock's mtime, refreshed every few seconds) is
 * older than `staleMs`. Readers never take the lock.
 */
export async function withWriteLock<T>(dir: string, fn: (lock: WriteLock) => Promise<T>, staleMs = 60_000): Promise<T> {
  await mkdir(dir, { recursive: true }).catch(ioFailure(dir, 'create'));
  const lock: WriteLock = { dir };
  // Imported here: readers (every question's start-up) never lock, and it loads graceful-fs (~20 ms).
  const { default: lockfile } = await import('proper-lockfile');
  const release = await lockfile
    .lock(dir, {
      lockfilePath: path.join(dir, 'write.lock'),
      stale: staleMs,
      retries: { forever: true, minTimeout: 50, maxTimeout: 1000, factor: 1.5, randomize: true },
      onCompromised: (e) => (lock.compromised = e),
    })
    .catch(ioFailure(path.join(dir, 'write.lock'), 'create'));
  try {
    return await fn(lock);
  } finally {
    await release().catch(() => undefined);
  }
}

function ioFailure(file: string, what: string) {
  return (e: unknown): never => {
    if (e instanceof AppError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'ENOSPC' ? 'no space left on the device' : (err.message ?? String(e)).split('\n')[0]!;
    throw new IndexWriteError(`cannot ${what} ${file}: ${why}`, err.code);
  };
}

/** Writes a file and flushes it to the disk before returning. */
async function writeDurable(file: string, data: Uint8Array | string): Promise<void> {
  const fh = await open(file, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function syncPath(p: string): Promise<void> {
  const fh = await open(p, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * Writes a new version folder and publishes it; afterwards removes versions other than the new one and
 * the one it replaced. On any I/O failure the partial folder is removed, `CURRENT` is left as it was, and
 * an IndexWriteError names the path.
 */
export async function writeIndex(lockOrDir: WriteLock | string, content: IndexContent): Promise<Manifest> {
  // Given a folder: take its lock for this one write.
  if (typeof lockOrDir === 'string') return withWriteLock(lockOrDir, (lock) => writeIndex(lock, content));
  const lock = lockOrDir;
  const dir = lock.dir;
  const previous = publishedVersion(dir);
  const version = `v-${Date.now().toString(36)}-${process.pid}`;
  const base = path.join(dir, version);
  let current = base;
  const step = async <T>(file: string, what: string, f: () => Promise<T> | T): Promise<T> => {
    current = file;
    try {
      return await f();
    } catch (e) {
      return ioFailure(file, what)(e);
    }
  };
  try {
    await step(base, 'create', () => mkdir(base));
    const { texts, json } = encodeArticles(content.articles);
    const data: [string, Uint8Array | string][] = [
      [FILES.texts, texts],
      [FILES.articles, json],
      [FILES.chunks, encodeChunks(content.chunks, content.articles)],
      [FILES.lexical, content.lexical.toBuffer()],
      [FILES.bigrams, content.bigrams.toBuffer()],
    ];
    const sizes: Record<string, number> = {};
    const checksums: Record<string, string> = {};
    for (const [name, bytes] of data) {
      const file = path.join(base, name);
      await step(file, 'write', () => writeDurable(file, bytes));
      sizes[name] = Buffer.byteLength(bytes);
      checksums[name] = checksum(bytes);
    }
    if (content.vectors) {
      const file = path.join(base, FILES.vectors);
      await step(file, 'write', () => content.vectors!.save(file));
      await step(file, 'write', () => syncPath(file));
      // Hashed as written, read back: what a later load will verify.
      sizes[FILES.vectors] = (await step(file, 'read', () => stat(file))).size;
      checksums[FILES.vectors] = await step(file, 'read', () => fileChecksum(file));
    }
    const manifest: Manifest = { format: FORMAT_VERSION, builtAt: new Date().toISOString(), ...content.manifest, sizes, checksums };
    // Pretty-printed for people while small; compact at archive size, where it is read at every start.
    const manifestJson = JSON.stringify(manifest, null, Object.keys(manifest.files).length > 1000 ? 0 : 2);
    const manifestFile = path.join(base, FILES.manifest);
    await step(manifestFile, 'write', () => writeDurable(manifestFile, manifestJson));
    await step(base, 'sync', () => syncPath(base));
    if (lock.compromised) throw new IndexWriteError(`lost the write lock on ${dir}/ (${lock.compromised.message}); not publishing`, undefined);
    // rename() over an existing file is atomic on POSIX: readers see the old or the new pointer.
    const tmp = path.join(dir, `CURRENT.${process.pid}.tmp`);
    await step(tmp, 'write', () => writeDurable(tmp, `${version} ${checksum(manifestJson)}\n`));
    await step(path.join(dir, 'CURRENT'), 'replace', () => rename(tmp, path.join(dir, 'CURRENT')));
    // Published. What follows only tidies up: a failure there must not report the build as failed.
    await syncPath(dir).catch(() => undefined);
    await prune(dir, [version, previous]).catch(() => undefined);
    return manifest;
  } catch (e) {
    // Never leave a half-written version behind (it may be what filled the disk); CURRENT is untouched
    // unless the rename succeeded, in which case the folder is the published one and stays.
    if (publishedVersion(dir) !== version) await rm(base, { recursive: true, force: true }).catch(() => undefined);
    await rm(path.join(dir, `CURRENT.${process.pid}.tmp`), { force: true }).catch(() => undefined);
    if (e instanceof IndexWriteError) throw e;
    return ioFailure(current, 'write')(e);
  }
}

/** The published version, or undefined when there is none or CURRENT is damaged. */
function publishedVersion(dir: string): string | undefined {
  try {
    return currentVersion(dir);
  } catch {
    return undefined;
  }
}

/** Removes version folders and temp pointers other than `keep`. Call only under the write lock. */
async function prune(dir: string, keep: (string | undefined)[]): Promise<void> {
  for (const name of await readdir(dir)) {
    if (name.startsWith('v-') && !keep.includes(name)) await rm(path.join(dir, name), { recursive: true, force: true });
    if (/^CURRENT\.\d+\.tmp$/.test(name)) await rm(path.join(dir, name), { force: true });
  }
}
