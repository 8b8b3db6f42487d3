// Section 1 — ingest: how fast the project's embedder turns chunks into vectors compared with a bare
// ONNX Runtime session doing the same model work (same batches, same tokens), and how long a whole
// ingest of corpus/ and of a synthetic 10k-chunk corpus takes end to end.
import path from 'node:path';
import { chunkArticle } from '../../src/corpus/chunk.js';
import { loadCorpus } from '../../src/corpus/load.js';
import { embeddingText, ingest, type IngestOptions, type IngestReport } from '../../src/index/ingest.js';
import { ingestOptions } from '../../src/boot.js';
import { BareEmbedder, cosine, lengthSortedBatches } from './lib/bare.js';
import { MODEL, MODEL_DIR, type BenchContext } from './lib/context.js';
import type { Row, SectionResult, Target } from './lib/report.js';
import { fmtCount, median, now } from './lib/stats.js';
import { sentencePool, writeSyntheticCorpus } from './lib/synthetic.js';

interface Phases {
  total: number;
  load: number;
  chunk: number;
  embed: number;
  write: number;
}

/** One ingest into a fresh index folder, with the time of each phase taken from its progress events. */
async function timedIngest(opts: IngestOptions): Promise<{ report: IngestReport; phases: Phases }> {
  const t0 = now();
  let scan = t0;
  let embed0 = t0;
  let write = t0;
  const report = await ingest({
    ...opts,
    onProgress: (e) => {
      if (e.phase === 'scan') scan = now();
      if (e.phase === 'embed' && e.done === 0) embed0 = now();
      if (e.phase === 'write') write = now();
    },
  });
  const end = now();
  return { report, phases: { total: end - t0, load: scan - t0, chunk: embed0 - scan, embed: write - embed0, write: end - write } };
}

function phaseRows(label: string, runs: Phases[], chunks: number, bareRate: number, runsLabel: number | string, note: string): Row[] {
  const m = (k: keyof Phases) => median(runs.map((p) => p[k]));
  const rate = (chunks / m('total')) * 1000;
  return [
    { metric: `${label}: whole ingest`, value: m('total'), unit: 'ms', runs: runsLabel, note },
    {
      metric: `${label}: throughput`,
      value: rate,
      unit: 'chunks/s',
      baseline: { label: 'bare ORT', value: bareRate },
      ratio: rate / bareRate,
      runs: runsLabel,
      note: 'end to end vs model compute alone',
    },
    { metric: `${label}:   load+clean articles`, value: m('load'), unit: 'ms', runs: runsLabel },
    { metric: `${label}:   chunk (+ read old index)`, value: m('chunk'), unit: 'ms', runs: runsLabel },
    { metric: `${label}:   embed + HNSW insert`, value: m('embed'), unit: 'ms', runs: runsLabel },
    { metric: `${label}:   lexical index + write files`, value: m('write'), unit: 'ms', runs: runsLabel },
  ];
}

export async function runIngest(ctx: BenchContext): Promise<SectionResult> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const targets: Target[] = [];
  const reps = ctx.options.quick ? 2 : 7;
  const defaultBs = ctx.config.EMBEDDING_BATCH_SIZE;
  const batchSizes = [...new Set([1, 8, defaultBs])].sort((a, b) => a - b);

  // The real chunks of corpus/, as ingest would embed them (section heading + text).
  const { articles } = await loadCorpus('corpus');
  const chunker = { maxChars: ctx.config.CHUNK_MAX_CHARS, overlapChars: ctx.config.CHUNK_OVERLAP_CHARS };
  let id = 0;
  const texts = articles.flatMap((a) => {
    const made = chunkArticle(a, chunker, id);
    id += made.length;
    return made.map(embeddingText);
  });
  const bare = await BareEmbedder.load(MODEL_DIR, MODEL);
  const prefix = (await ctx.embedder()).profile.passagePrefix;
  const avgChars = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  notes.push(
    `embedder vs bare: ${texts.length} real chunks of corpus/ (avg ${avgChars.toFixed(0)} chars), ${reps} timed passes after a warm-up; within a pass the two sides alternate every ~16 chunks (who goes first alternates too), so load from other processes hits both alike; ratio = median of per-pass ratios`,
  );

  const bareRates = new Map<number, number>();
  for (const bs of batchSizes) {
    ctx.progress(`ingest: embedder vs bare ORT at batch size ${bs} …`);
    const embedder = await ctx.embedder(bs);
    // embedPassages sorts by length and cuts every `bs`; segments of the length-sorted list that are a
    // multiple of `bs` long therefore give both sides exactly the global batches.
    const sorted = lengthSortedBatches(texts, texts.length)[0]!;
    const segSize = bs * Math.max(1, Math.round(16 / bs));
    const segments: string[][] = [];
    for (let i = 0; i < sorted.length; i += segSize) segments.push(sorted.slice(i, i + segSize));
    const pipelineSeg = (seg: string[]) => embedder.embedPassages(seg);
    const bareSeg = async (seg: string[]) => {
      const v: Float32Array[] = [];
      for (const b of lengthSortedBatches(seg.map((t) => prefix + t), bs)) v.push(...(await bare.embed(b)));
      return v;
    };
    const pass = async (r: number) => {
      let p = 0;
      let b = 0;
      const pv: Float32Array[] = [];
      const bv: Float32Array[] = [];
      for (const [j, seg] of segments.entries()) {
        const pipelineFirst = (r + j) % 2 === 0;
        for (const side of pipelineFirst ? ['p', 'b'] : ['b', 'p']) {
          const t = now();
          if (side === 'p') pv.push(...(await pipelineSeg(seg)));
          else bv.push(...(await bareSeg(seg)));
          if (side === 'p') p += now() - t;
          else b += now() - t;
        }
      }
      return { p, b, pv, bv };
    };
    // Warm-up (first runs pay for ORT's lazy allocations and V8 compilation); also a correctness check:
    // both sides must compute the same vectors, or the ratio compares different work.
    const w = await pass(0);
    const minCos = Math.min(...w.pv.map((v, i) => cosine(v, w.bv[i]!)));
    if (minCos < 0.999) throw new Error(`embedder and bare session disagree (min cosine ${minCos.toFixed(4)}): not the same computation`);
    const runs = [];
    for (let r = 0; r < reps; r++) runs.push(await pass(r + 1));
    const pRate = (texts.length / median(runs.map((x) => x.p))) * 1000;
    const bRate = (texts.length / median(runs.map((x) => x.b))) * 1000;
    const passRatio = median(runs.map((x) => x.b / x.p));
    bareRates.set(bs, bRate);
    rows.push({
      metric: `embedPassages, batch ${bs}${bs === defaultBs ? ' (default)' : ''}`,
      value: pRate,
      unit: 'chunks/s',
      baseline: { label: 'bare ORT', value: bRate },
      ratio: passRatio,
      runs: reps,
      note: `same batches; min cosine to bare ${minCos.toFixed(5)}`,
    });
    if (bs === defaultBs) {
      const ratio = passRatio;
      targets.push({
        name: `embedder throughput vs bare ORT (batch ${bs})`,
        goal: '>= 0.90x',
        measured: `${ratio.toFixed(3)}x (${pRate.toFixed(1)} vs ${bRate.toFixed(1)} chunks/s)`,
        met: ratio >= 0.9,
        ...(ratio < 0.9 ? { miss: `${(0.9 - ratio).toFixed(3)} short` } : {}),
      });
    }
  }
  const bareDefault = bareRates.get(defaultBs)!;

  // Whole ingest of corpus/ into a fresh folder each time (a full build, nothing reused).
  const corpusReps = ctx.options.quick ? 2 : 3;
  ctx.progress(`ingest: whole ingest of corpus/ × ${corpusReps} …`);
  const embedder = await ctx.embedder();
  const corpusRuns: Phases[] = [];
  let chunks = 0;
  let lastDir = '';
  for (let r = 0; r < corpusReps; r++) {
    lastDir = path.join(ctx.tmp, `ingest-corpus-${r}`);
    const { report, phases } = await timedIngest(ingestOptions(ctx.configFor('corpus', lastDir), embedder));
    chunks = report.chunks;
    corpusRuns.push(phases);
  }
  ctx.setCorpusIndex(lastDir);
  rows.push(...phaseRows(`corpus/ (${articles.length} art., ${chunks} ch.)`, corpusRuns, chunks, bareDefault, corpusReps, 'fresh index folder each run'));

  // Synthetic corpus: real sentences recombined, sized to an exact chunk count.
  const n = ctx.options.quick ? 200 : 10_000;
  ctx.progress(`ingest: writing a synthetic corpus of ${n} chunks …`);
  const syn = await writeSyntheticCorpus(path.join(ctx.tmp, `ingest-syn-${n}`), n, await sentencePool('corpus'), chunker, 11);
  ctx.progress(`ingest: whole ingest of the ${n}-chunk corpus (one run, ~${Math.round(n / bareDefault / 60)} min of model compute) …`);
  const { report: synReport, phases: synPhases } = await timedIngest(
    ingestOptions(ctx.configFor(syn.dir, path.join(ctx.tmp, `ingest-syn-${n}-index`)), embedder),
  );
  if (synReport.chunks !== n) notes.push(`synthetic corpus: expected ${n} chunks, ingest made ${synReport.chunks}`);
  rows.push(
    ...phaseRows(`synthetic ${fmtCount(n)} (${syn.articles} art.)`, [synPhases], synReport.chunks, bareDefault, 1, 'single run (model-bound)'),
  );
  notes.push(
    `synthetic corpus: ${syn.articles} articles, ${(syn.bytes / 1e6).toFixed(1)} MB, sentences of corpus/ recombined (seeded); writing it took ${(syn.ms / 1000).toFixed(1)} s (not counted)`,
  );
  notes.push(`throughput baseline = bare ORT at the default batch size ${defaultBs} (${bareDefault.toFixed(1)} chunks/s on corpus/ chunks)`);

  return {
    rows,
    targets,
    notes,
    data: { batchSizes, bareRates: Object.fromEntries(bareRates), corpusChunks: chunks, synthetic: { ...syn, chunks: synReport.chunks } },
  };
}
