// State shared by the sections of one run: options, the project's settings, the temp folder, the
// embedding model (loaded once), and fixtures that more than one section needs (the real corpus's
// index, and the big synthetic index), each built at most once per run.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configWith, type Config } from '../../../src/config.js';
import { loadEmbedder, type Embedder } from '../../../src/embed/embedder.js';
import { ingest } from '../../../src/index/ingest.js';
import { ingestOptions } from '../../../src/boot.js';
import { buildBigFixture, type BigFixture } from './fixtures.js';

export const MODEL_DIR = 'test/bench/models';
export const MODEL = 'bge-small-zh-shape';

export interface BenchOptions {
  quick: boolean;
  /** Never build the 1M index. */
  skip1m: boolean;
  /** Build the 1M index even when it is projected to take long. */
  with1m: boolean;
  keep: boolean;
}

export class BenchContext {
  readonly t0 = performance.now();
  /** The project's defaults, pointed at the benchmark model and a temp index folder. */
  readonly config: Config;
  /** Chunk count of the big synthetic index (100k; 5k with --quick). */
  readonly bigN: number;
  private embedders = new Map<number, Promise<Embedder>>();
  private corpusIndexDir: string | undefined;
  private big: Promise<BigFixture> | undefined;

  constructor(
    readonly root: string,
    readonly tmp: string,
    readonly options: BenchOptions,
  ) {
    this.config = configWith({
      CORPUS_DIR: 'corpus',
      EMBEDDINGS_DIR: path.join(tmp, 'corpus-index'),
      MODEL_DIR,
      EMBEDDING_MODEL: MODEL,
      EMBEDDING_QUANTIZED: 'true',
      ALLOW_MODEL_DOWNLOAD: 'false',
      LOG_LEVEL: 'warn',
    });
    this.bigN = options.quick ? 5_000 : 100_000;
  }

  static async create(root: string, options: BenchOptions): Promise<BenchContext> {
    const tmp = path.join(os.tmpdir(), `coverage-bot-bench-${process.pid}`);
    await mkdir(tmp, { recursive: true });
    return new BenchContext(root, tmp, options);
  }

  progress(msg: string): void {
    const s = ((performance.now() - this.t0) / 1000).toFixed(0).padStart(4);
    process.stderr.write(`[bench ${s}s] ${msg}\n`);
  }

  /** The project's embedder on the benchmark model (one per batch size; the default one is shared). */
  embedder(batchSize = this.config.EMBEDDING_BATCH_SIZE): Promise<Embedder> {
    let e = this.embedders.get(batchSize);
    if (!e) {
      e = loadEmbedder({
        model: MODEL,
        quantized: true,
        localDir: MODEL_DIR,
        cacheDir: path.join(this.tmp, 'model-cache'),
        allowDownload: false,
        batchSize,
        timeoutMs: this.config.MODEL_LOAD_TIMEOUT_MS,
      });
      this.embedders.set(batchSize, e);
    }
    return e;
  }

  /** Config for another corpus/index pair. */
  configFor(corpusDir: string, indexDir: string): Config {
    return { ...this.config, CORPUS_DIR: corpusDir, EMBEDDINGS_DIR: indexDir };
  }

  /** The ingest section hands over an index of corpus/ it built anyway. */
  setCorpusIndex(dir: string): void {
    this.corpusIndexDir = dir;
  }

  /** An up-to-date index of the real corpus/ (built with the benchmark model), in a temp folder. */
  async corpusIndex(): Promise<string> {
    if (this.corpusIndexDir && existsSync(this.corpusIndexDir)) return this.corpusIndexDir;
    const dir = path.join(this.tmp, 'corpus-index');
    this.progress('indexing corpus/ for the query/cold sections …');
    await ingest(ingestOptions(this.configFor('corpus', dir), await this.embedder()));
    this.corpusIndexDir = dir;
    return dir;
  }

  /** The big synthetic corpus + index (vectors, texts, lexical index, files on disk). */
  bigFixture(): Promise<BigFixture> {
    this.big ??= buildBigFixture(this);
    return this.big;
  }

  async cleanup(): Promise<void> {
    if (!this.options.keep) await rm(this.tmp, { recursive: true, force: true });
  }
}
