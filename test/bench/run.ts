// `npm run bench [-- --quick] [--only ingest,query,scale,cold,bot,batching,integrity,reload] [--skip-1m | --with-1m] [--keep]`
//
// Performance figures for coverage-bot on this machine, each next to a baseline measured in the same
// run (bare ONNX Runtime, brute-force search, bare node), so ratios hold on a noisy machine. Prints
// one table per section and writes the same figures to test/bench/results/bench-<timestamp>.json and
// test/bench/results/latest.json. Needs the benchmark model: run test/bench/make-model.sh once.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBot } from './bot.js';
import { runCold } from './cold.js';
import { runIngest } from './ingest.js';
import { BenchContext, MODEL, MODEL_DIR } from './lib/context.js';
import { formatRows, formatTargets, type SectionResult, type Target } from './lib/report.js';
import { runQuery } from './query.js';
import { runScale } from './scale.js';
import { runReload } from './reload.js';
import { runBatching, runIntegrity } from './storage.js';

interface Section {
  name: string;
  title: string;
  run: (ctx: BenchContext) => Promise<SectionResult>;
}

// The section registry: `--only` selects by name, the default runs them all in this order (ingest
// first: it builds the corpus index the query and cold sections reuse).
const SECTIONS: Section[] = [
  { name: 'ingest', title: '1. Ingest: embedder throughput vs bare ONNX Runtime, whole ingest', run: runIngest },
  { name: 'query', title: '2. Query latency by stage (p50/p99)', run: runQuery },
  { name: 'scale', title: '3. HNSW index at scale vs brute-force search', run: runScale },
  { name: 'cold', title: '4. Cold start of the CLI to the first answer', run: runCold },
  { name: 'bot', title: '5. Bot throughput through a local Bot API server', run: runBot },
  { name: 'batching', title: '6. Ingest batching: by token count vs the previous batching', run: runBatching },
  { name: 'integrity', title: '7. Index checksums at 100k passages vs reading the files', run: runIntegrity },
  { name: 'reload', title: '8. Answers to other chats while /reload rebuilds a 67k-passage index', run: runReload },
];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      'skip-1m': { type: 'boolean', default: false },
      'with-1m': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      [
        'npm run bench [-- options]',
        `  --only a,b     run only these sections (${SECTIONS.map((s) => s.name).join(', ')})`,
        '  --quick        smoke run (~1-2 min): small sizes, fewer repetitions; 100k targets are not evaluated',
        '  --skip-1m      skip the 1M-vector HNSW index (saves ~25 min)',
        '  --with-1m      (the default now; kept for old scripts)',
        '  --keep         keep the temp folder (synthetic corpora and indexes)',
        '',
      ].join('\n'),
    );
    return 0;
  }
  process.chdir(root); // the project's defaults (corpus/, test/eval/) are relative to its root

  // No silent fallback: without the benchmark model every figure would be about a different model.
  if (!existsSync(path.join(MODEL_DIR, MODEL, 'onnx', 'model_quantized.onnx'))) {
    process.stderr.write(`bench: the benchmark model ${MODEL_DIR}/${MODEL} is missing; run test/bench/make-model.sh first (offline, ~5 s).\n`);
    return 1;
  }
  const wanted = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : SECTIONS.map((s) => s.name);
  const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
  if (unknown.length) {
    process.stderr.write(`bench: unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.name).join(', ')}\n`);
    return 2;
  }
  if (values['skip-1m'] && values['with-1m']) {
    process.stderr.write('bench: --skip-1m and --with-1m contradict each other\n');
    return 2;
  }

  const ctx = await BenchContext.create(root, {
    quick: values.quick,
    skip1m: values['skip-1m'],
    with1m: values['with-1m'],
    keep: values.keep,
  });
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const c = ctx.config;
  const header = [
    `coverage-bot benchmark${values.quick ? ' (--quick)' : ''} — ${startedAt.toISOString()}`,
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
    `model: ${MODEL_DIR}/${MODEL} (random weights, bge-small-zh-v1.5 shape, int8); settings: batch ${c.EMBEDDING_BATCH_SIZE}, HNSW M ${c.HNSW_M} / efConstruction ${c.HNSW_EF_CONSTRUCTION} / efSearch ${c.HNSW_EF_SEARCH ?? 'auto (calibrated per graph)'}, chunks ${c.CHUNK_MAX_CHARS}/${c.CHUNK_OVERLAP_CHARS}`,
    'every figure is a median over the repetitions in "runs"; baselines are measured in the same run on the same input',
  ];
  process.stdout.write(header.join('\n') + '\n');

  const results: Record<string, SectionResult & { title: string; ms: number; error?: string }> = {};
  let failed = false;
  try {
    for (const section of SECTIONS.filter((s) => wanted.includes(s.name))) {
      ctx.progress(`section ${section.name} …`);
      const t = performance.now();
      try {
        const r = await section.run(ctx);
        results[section.name] = { title: section.title, ms: performance.now() - t, ...r };
        const out = [`\n== ${section.title} (${((performance.now() - t) / 1000).toFixed(0)} s)`, formatRows(r.rows)];
        if (r.notes.length) out.push(...r.notes.map((n) => `  * ${n}`));
        process.stdout.write(out.join('\n') + '\n');
      } catch (e) {
        failed = true;
        const msg = (e as Error).stack ?? String(e);
        results[section.name] = { title: section.title, ms: performance.now() - t, rows: [], targets: [], notes: [], error: msg };
        process.stdout.write(`\n== ${section.title}: FAILED — ${(e as Error).message}\n`);
      }
    }
  } finally {
    await ctx.cleanup();
  }

  const targets: Target[] = Object.values(results).flatMap((r) => r.targets);
  const totalMs = performance.now() - ctx.t0;
  process.stdout.write(`\n== Targets\n${formatTargets(targets)}\n\ntotal runtime ${(totalMs / 60_000).toFixed(1)} min\n`);

  const report = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalMs: Math.round(totalMs),
    argv: process.argv.slice(2),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim(),
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadBefore,
      loadAfter: os.loadavg(),
    },
    model: `${MODEL_DIR}/${MODEL}`,
    settings: {
      EMBEDDING_BATCH_SIZE: c.EMBEDDING_BATCH_SIZE,
      HNSW_M: c.HNSW_M,
      HNSW_EF_CONSTRUCTION: c.HNSW_EF_CONSTRUCTION,
      HNSW_EF_SEARCH: c.HNSW_EF_SEARCH,
      CHUNK_MAX_CHARS: c.CHUNK_MAX_CHARS,
      CHUNK_OVERLAP_CHARS: c.CHUNK_OVERLAP_CHARS,
      SEARCH_TOP_K: c.SEARCH_TOP_K,
    },
    sections: results,
    targets,
  };
  const dir = path.join(root, 'test', 'bench', 'results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `bench-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  const json = JSON.stringify(report, null, 2) + '\n';
  await writeFile(file, json);
  await writeFile(path.join(dir, 'latest.json'), json);
  process.stdout.write(`results: ${path.relative(root, file)} (and test/bench/results/latest.json)\n`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bench: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  },
);
