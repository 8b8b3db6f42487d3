// Start-up shared by every command: load the embedding model if it can be had (else say so once and go
// lexical-only), bring the index up to date with corpus/ (with progress), open it, build the engine.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SingleBar } from 'cli-progress';
import type { Config } from './config.js';
import { setCorpusLimits } from './corpus/load.js';
import { EmbedderUnavailableError, loadEmbedder, type Embedder } from './embed/embedder.js';
import { probeModel, type Probe } from './embed/probe.js';
import { corpusStamps, indexIsCurrent, ingest, type IngestOptions, type IngestReport } from './index/ingest.js';
import { IndexCorruptError, IndexMissingError, IndexWriteError, openIndex, type StoredIndex } from './index/store.js';
import { effectiveEf } from './index/vector.js';
import { AppError } from './errors.js';
import { log } from './log.js';
import { DEFAULT_RANKING, type RankingOptions } from './search/knobs.js';
import { calibrationFor } from './search/calibration.js';
import { CHINESE } from './text/lexicon.js';
import { configureEnglishLexicon } from './text/english.js';
import { Engine } from './search/engine.js';
import { configureSegmenter, preloadWordTable, wordTable } from './text/segment.js';

/** Whether the embedding model can be had: a few stat calls, and a name lookup when it would be downloaded. */
export function probeConfiguredModel(config: Config): Promise<Probe> {
  return probeModel({
    model: config.EMBEDDING_MODEL,
    quantized: config.EMBEDDING_QUANTIZED,
    localDir: config.MODEL_DIR,
    cacheDir: config.MODEL_CACHE_DIR,
    allowDownload: config.ALLOW_MODEL_DOWNLOAD,
  });
}

export async function tryLoadEmbedder(config: Config, known?: Probe): Promise<{ embedder: Embedder | null; problem?: string }> {
  // Known to be unavailable (no local copy, no way to download it): say so without loading the library.
  const probe = known ?? (await probeConfiguredModel(config));
  if (probe.status === 'unavailable') return { embedder: null, problem: probe.problem };
  try {
    const embedder = await loadEmbedder({
      model: config.EMBEDDING_MODEL,
      quantized: config.EMBEDDING_QUANTIZED,
      localDir: config.MODEL_DIR,
      cacheDir: config.MODEL_CACHE_DIR,
      allowDownload: config.ALLOW_MODEL_DOWNLOAD,
      batchSize: config.EMBEDDING_BATCH_SIZE,
      timeoutMs: config.MODEL_LOAD_TIMEOUT_MS,
      profile: {
        pooling: config.EMBEDDING_POOLING,
        queryPrefix: config.EMBEDDING_QUERY_PREFIX,
        passagePrefix: config.EMBEDDING_PASSAGE_PREFIX,
        multilingual: config.EMBEDDING_MULTILINGUAL,
      },
    });
    return { embedder };
  } catch (e) {
    if (e instanceof EmbedderUnavailableError) return { embedder: null, problem: e.message };
    throw e;
  }
}

export function ingestOptions(config: Config, embedder: Embedder | null): IngestOptions {
  setCorpusLimits({ maxFileBytes: config.CORPUS_MAX_FILE_BYTES });
  return {
    corpusDir: config.CORPUS_DIR,
    indexDir: config.EMBEDDINGS_DIR,
    chunker: { maxChars: config.CHUNK_MAX_CHARS, overlapChars: config.CHUNK_OVERLAP_CHARS },
    hnsw: { m: config.HNSW_M, efConstruction: config.HNSW_EF_CONSTRUCTION, efSearch: effectiveEf(config.HNSW_EF_SEARCH, undefined) },
    embedder: embedder ?? undefined,
    lockStaleMs: config.INDEX_LOCK_STALE_MS,
  };
}

/** Runs an ingest with a progress bar on stderr (a plain line per step when stderr is not a terminal). */
export async function ingestWithProgress(opts: IngestOptions): Promise<IngestReport> {
  const tty = process.stderr.isTTY === true;
  // Only an ingest with something to embed on a terminal draws a bar: load the library then.
  const cliProgress = tty && opts.embedder ? (await import('cli-progress')).default : undefined;
  let bar: SingleBar | undefined;
  let lastLogged = -1;
  try {
    return await ingest({
      ...opts,
      onProgress: (e) => {
        if (e.phase === 'notice') log.warn(e.message);
        if (e.phase === 'scan') log.info(`Indexing ${e.articles} article(s) from ${opts.corpusDir}/ …`);
        if (e.phase === 'embed' && e.total > 0) {
          if (cliProgress) {
            bar ??= new cliProgress.SingleBar(
              { format: 'Embedding passages [{bar}] {value}/{total} ({percentage}%) ETA {eta_formatted}', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            );
            if (e.done === 0) bar.start(e.total, 0);
            else bar.update(e.done);
          } else {
            const pct = Math.floor((e.done / e.total) * 10);
            if (pct !== lastLogged) log.info(`  embedded ${e.done}/${e.total} passages`);
            lastLogged = pct;
          }
        }
        if (e.phase === 'write') {
          bar?.stop();
          bar = undefined;
        }
      },
    });
  } finally {
    bar?.stop();
  }
}

export function summary(r: IngestReport): string {
  const what = r.upToDate
    ? 'index is up to date'
    : r.changedFiles.length === 0 && r.removedFiles.length === 0
      ? 'index rebuilt'
      : `indexed ${r.changedFiles.length} new/changed article(s)` + (r.removedFiles.length ? `, removed ${r.removedFiles.length}` : '');
  return `${what}: ${r.articles} article(s), ${r.chunks} passages, model ${r.model ?? 'none (keyword search only)'}, ${r.embedded} embedded, ${(r.ms / 1000).toFixed(1)} s`;
}

export function rankingFrom(config: Config): RankingOptions {
  return { ...DEFAULT_RANKING, quoteMaxChars: config.QUOTE_MAX_CHARS };
}

export interface Prepared {
  engine: Engine;
  index: StoredIndex;
  embedder: Embedder | null;
  /** Why the embedding model is not in use, if it is not (said once at start-up). */
  modelProblem?: string;
  report?: IngestReport;
}

/** Everything a command needs before the first question. Throws errors meant to be shown as one line. */
export async function prepare(config: Config, opts: { quiet?: boolean } = {}): Promise<Prepared> {
  // Start-up work that does not depend on the model runs while it is probed and loaded: the segmenter's
  // word table is loaded and the index files are read (the HNSW graph on a worker thread). Should the index
  // turn out stale for this model or corpus, the early copy is dropped and the index rebuilt.
  const probing = probeConfiguredModel(config);
  // Questions are segmented through the word table cached beside the index (see text/segment.ts): read
  // while the rest of start-up goes on.
  configureSegmenter({ cacheDir: config.EMBEDDINGS_DIR });
  const words = preloadWordTable();
  const probe = await probing;
  const modelLoad = tryLoadEmbedder(config, probe);
  // Keyword mode for sure (no model to be had): the HNSW graph would go unused, so it is not read
  // (at 1M passages that is 2.3 GB and 9 s).
  const open = () => openIndex(config.EMBEDDINGS_DIR, effectiveEf(config.HNSW_EF_SEARCH, undefined), { vectors: probe.status !== 'unavailable' });
  const early = open().catch((e: unknown) => e as Error);
  // The corpus's files are stat'd meanwhile too (on a worker thread for a large corpus), for indexIsCurrent.
  const stamped = corpusStamps(config.CORPUS_DIR);
  const { embedder, problem } = await modelLoad;
  loadedEmbedders.set(config, Promise.resolve({ embedder, ...(problem ? { problem } : {}) }));
  if (problem && !opts.quiet) {
    log.warn(`Embedding model unavailable: ${problem}. Answering with keyword (BM25) search only; see README › Embedding model.`);
  }
  const io = ingestOptions(config, embedder);
  const rebuild = async () => {
    const r = await (opts.quiet ? ingest(io) : ingestWithProgress(io));
    if (!opts.quiet) {
      for (const p of r.problems) log.warn(`skipped ${p.message}`);
      log.info(summary(r));
    }
    return r;
  };
  let report: IngestReport | undefined;
  // Checked while the early read is still in flight (the stamps were taken meanwhile).
  const current = await indexIsCurrent(io, stamped);
  let index: StoredIndex | Error | undefined = await early;
  if (!current) {
    try {
      report = await rebuild();
      index = undefined;
    } catch (e) {
      // Disk full or another I/O failure: a stale but valid index beats no answers at all.
      if (!(e instanceof IndexWriteError) || !index || index instanceof Error) throw e;
      log.warn(`${e.message}. Answering from the previous index until an ingest succeeds.`);
    }
  }
  // Read again after a rebuild, or when the early read found no index yet but another process has
  // published one since (the index is current now).
  if (!index || index instanceof IndexMissingError) index = await open().catch((e: unknown) => e as Error);
  if (index instanceof Error) {
    // The manifest matched but a data file is damaged: ingest rebuilds what it cannot trust.
    if (!(index instanceof IndexCorruptError)) throw index;
    report = await rebuild();
    index = await open();
  }
  // Read by now; built here if it was missing or damaged.
  await words;
  wordTable();
  const engine = engineFor(config, index, embedder);
  return { engine, index, embedder, ...(problem ? { modelProblem: problem } : {}), ...(report ? { report } : {}) };
}

/** The engine over an opened index, with the search effort and calibration that index calls for. */
function engineFor(config: Config, index: StoredIndex, embedder: Embedder | null): Engine {
  // The dictionary (loaded on the first English question, or the first Chinese one naming a name the
  // coverage lacks) caches its built form here.
  configureEnglishLexicon({ cacheDir: config.EMBEDDINGS_DIR });
  // Search effort: the setting when given, else what ingest measured this graph to need.
  index.vectors?.setEf(effectiveEf(config.HNSW_EF_SEARCH, index.manifest.vectors?.efSearch));
  return Engine.create(index, embedder, (model) => calibrationFor(model, config.EMBEDDINGS_DIR), rankingFrom(config), CHINESE);
}

/** Embedders already loaded per configuration: /reload reuses the one start-up loaded. */
const loadedEmbedders = new WeakMap<Config, Promise<{ embedder: Embedder | null; problem?: string }>>();

/** Messages from the ingest child process (src/cli/ingest-child.ts). */
export type ChildMessage =
  | { kind: 'notice'; message: string }
  | { kind: 'done'; report: IngestReport }
  | { kind: 'failed'; name: string; message: string };

/** The child's entry: the esbuild bundle's sibling in dist/, or the TypeScript source under tsx. */
function childEntry(): { file: string; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './cli/ingest-child.ts' : './ingest-child.js', import.meta.url);
  return { file: fileURLToPath(url), execArgv: fromSource ? ['--import', 'tsx'] : ['--enable-source-maps'] };
}

/**
 * Runs an ingest in a child process, so this process's event loop stays free (the bot keeps answering
 * while /reload re-indexes). Notices are logged as warnings; failures come back as AppErrors.
 */
export function ingestInChild(config: Config): Promise<IngestReport> {
  const { file, execArgv } = childEntry();
  return new Promise<IngestReport>((resolve, reject) => {
    const child = fork(file, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) (settled = true), f();
    };
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'notice') log.warn(m.message);
      else if (m.kind === 'done') settle(() => resolve(m.report));
      else settle(() => reject(m.name === 'IndexWriteError' ? new IndexWriteError(m.message, undefined) : new AppError(m.message)));
    });
    child.on('error', (e) => settle(() => reject(new AppError(`cannot start the ingest process: ${e.message}`))));
    child.on('exit', (code, signal) =>
      settle(() => reject(new AppError(`the ingest process ended without a result (${signal ?? `exit code ${code}`})`))),
    );
    child.send({ config });
  });
}

/**
 * /reload: re-index corpus/ off the event loop, then open the new index with the model already loaded.
 * On failure the caller keeps its engine: `engine` is then undefined and `summary` says why.
 */
export async function reloadIndex(config: Config): Promise<{ engine?: Engine; summary: string }> {
  let report: IngestReport;
  try {
    report = await ingestInChild(config);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    log.warn(`re-index failed: ${e.message}`);
    return { summary: `re-index failed (${e.message}); still answering from the previous index` };
  }
  const loaded = loadedEmbedders.get(config) ?? tryLoadEmbedder(config);
  loadedEmbedders.set(config, loaded);
  const { embedder } = await loaded;
  const index = await openIndex(config.EMBEDDINGS_DIR, effectiveEf(config.HNSW_EF_SEARCH, undefined), { vectors: embedder !== null });
  return { engine: engineFor(config, index, embedder), summary: summary(report) };
}
