// Section 8 — /reload under load: answers to other chats while the index of a 67k-passage corpus is
// rebuilt. /reload re-indexes in a child process (src/boot.ts reloadIndex), so the answering process's
// event loop stays free; this measures what a chat waits meanwhile, next to the same questions asked
// with no reload running. Keyword mode (the child's work is chunking and BM25, what a model-less host
// does; with a model it embeds only passages whose text is new). The reload is a full rebuild: it runs
// with another chunk size, so every article is re-chunked.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { prepare, reloadIndex } from '../../src/boot.js';
import { configWith } from '../../src/config.js';
import type { Engine } from '../../src/search/engine.js';
import type { BenchContext } from './lib/context.js';
import type { SectionResult } from './lib/report.js';
import { fmtCount, percentile } from './lib/stats.js';
import { sentencePool, writeSyntheticCorpus } from './lib/synthetic.js';

const QUESTIONS = ['永川区委书记是谁？', '柠檬出口了多少吨？', '软件产业主营业务收入是多少', '长江水质', '低空经济', '重点项目开工率是多少？'];

/** Asks the questions in turn until `until` settles; latency of each answer in ms. */
async function askWhile(engine: () => Engine, until: Promise<unknown> | number): Promise<number[]> {
  const out: number[] = [];
  let done = false;
  if (typeof until === 'number') setTimeout(() => (done = true), until);
  else void until.finally(() => (done = true));
  for (let i = 0; !done; i++) {
    const t0 = performance.now();
    await engine().ask(QUESTIONS[i % QUESTIONS.length]!, { k: 5 });
    out.push(performance.now() - t0);
    // A chat's next message arrives a little later: leave the event loop a turn, as the bot does.
    await new Promise((r) => setTimeout(r, 5));
  }
  return out;
}

export async function runReload(ctx: BenchContext): Promise<SectionResult> {
  const n = ctx.options.quick ? 5_000 : 67_000;
  const chunker = { maxChars: ctx.config.CHUNK_MAX_CHARS, overlapChars: ctx.config.CHUNK_OVERLAP_CHARS };
  const dir = path.join(ctx.tmp, `reload-${n}`);
  ctx.progress(`reload: synthetic corpus of ${fmtCount(n)} passages …`);
  const syn = await writeSyntheticCorpus(path.join(dir, 'corpus'), n, await sentencePool('corpus'), chunker, 11);
  await mkdir(path.join(dir, 'no-model'), { recursive: true });
  const env = {
    CORPUS_DIR: syn.dir,
    EMBEDDINGS_DIR: path.join(dir, 'embeddings'),
    DATA_DIR: path.join(dir, 'data'),
    MODEL_DIR: '',
    MODEL_CACHE_DIR: path.join(dir, 'no-model'),
    ALLOW_MODEL_DOWNLOAD: 'false',
    LOG_LEVEL: 'error',
  };
  const config = configWith(env);
  ctx.progress(`reload: first index of ${fmtCount(n)} passages (in this process) …`);
  const t0 = performance.now();
  let engine = (await prepare(config, { quiet: true })).engine;
  const firstMs = performance.now() - t0;

  ctx.progress('reload: answers with no reload running (10 s) …');
  const idle = await askWhile(() => engine, 10_000);

  ctx.progress('reload: answers while /reload rebuilds every passage in a child process …');
  const other = configWith({ ...env, CHUNK_MAX_CHARS: String(chunker.maxChars - 50) });
  const t1 = performance.now();
  const reload = reloadIndex(other).then((r) => {
    if (!r.engine) throw new Error(`reload failed: ${r.summary}`);
    engine = r.engine;
    return r;
  });
  const during = await askWhile(() => engine, reload);
  const result = await reload;
  const reloadMs = performance.now() - t1;

  const p99 = percentile(during, 99);
  const label = `/reload at ${fmtCount(n)} passages`;
  return {
    rows: [
      { metric: `${label}: first index in-process`, value: firstMs, unit: 'ms', runs: 1 },
      { metric: `${label}: the reload (child process), wall`, value: reloadMs, unit: 'ms', runs: 1 },
      {
        metric: `${label}: answer latency during it`,
        runs: during.length,
        value: percentile(during, 50),
        p99,
        unit: 'ms',
        baseline: { label: `no reload (${idle.length} answers), p99 ${percentile(idle, 99).toFixed(0)} ms`, value: percentile(idle, 50) },
      },
    ],
    targets: [
      {
        name: `other chats' p99 while /reload runs at ${fmtCount(n)} passages`,
        goal: '< 1 s',
        measured: `${p99.toFixed(0)} ms`,
        met: ctx.options.quick ? null : p99 < 1000,
        ...(p99 >= 1000 ? { miss: `${(p99 / 1000).toFixed(1)}× over` } : {}),
      },
    ],
    notes: [`reload summary: ${result.summary}`],
    data: { n, firstMs, reloadMs, during: during.length, idle: idle.length, p50: percentile(during, 50), p99, idleP99: percentile(idle, 99) },
  };
}
