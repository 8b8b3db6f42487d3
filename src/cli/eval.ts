// `npm run eval [-- --set file.jsonl …] [--calibrate] [--verbose] [--json out.json]` (`-- --from-feedback`: see cli/feedback.ts)
// Runs question sets through the bot's own answer pipeline and prints hit@1, hit@5, MRR, "not covered"
// precision/recall, median latency and a per-kind/language breakdown, next to a plain lexical baseline
// measured in the same run. --calibrate sweeps the answer threshold for the mode in use (and, with an
// embedding model, saves it for that model).
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { prepare, rankingFrom } from '../boot.js';
import type { Answer, Thresholds } from '../search/answer.js';
import { LEXICAL_THRESHOLDS, saveCalibration } from '../search/calibration.js';
import { Engine } from '../search/engine.js';
import { LexicalBaseline } from '../eval/baseline.js';
import { KINDS, isHit, readQuestionSet, type EvalItem } from '../eval/dataset.js';
import { metrics, type Metrics, type Outcome } from '../eval/metrics.js';
import { log } from '../log.js';
import { feedbackCandidates } from './feedback.js';
import { main, setup } from './run.js';

const DEFAULT_SETS = ['test/eval/qa-dev.jsonl', 'test/eval/qa-extra.jsonl'];
const K = 5;

const pct = (x: number) => (Number.isNaN(x) ? '   – ' : x.toFixed(2).padStart(5));

function firstHit(item: EvalItem, passages: { text: string; file: string }[]): number {
  const i = passages.findIndex((p) => isHit(item, p));
  return i < 0 ? 0 : i + 1;
}

async function runEngine(engine: Engine, items: EvalItem[], k: number): Promise<{ outcomes: Outcome[]; answers: Answer[] }> {
  const outcomes: Outcome[] = [];
  const answers: Answer[] = [];
  for (const item of items) {
    const t = performance.now();
    const a = await engine.ask(item.question, { k });
    const ms = performance.now() - t;
    answers.push(a);
    outcomes.push({ item, answered: a.answered, reason: a.reason, ms, hitRank: firstHit(item, a.results.map((r) => ({ text: r.text, file: r.source.file }))) });
  }
  return { outcomes, answers };
}

function row(label: string, m: Metrics): string {
  return `${label.padEnd(26)} ${String(m.answerable).padStart(4)} ${pct(m.hit1)} ${pct(m.hit5)} ${pct(m.mrr)}   ${String(m.unanswerable).padStart(4)} ${pct(m.ncPrecision)} ${pct(m.ncRecall)}  ${m.medianMs.toFixed(1).padStart(7)}`;
}

function table(title: string, outcomes: Outcome[], baseline: Outcome[]): string[] {
  const header = `${'subset'.padEnd(26)} ${'ans'.padStart(4)} ${'hit@1'.padStart(5)} ${'hit@5'.padStart(5)} ${'MRR'.padStart(5)}   ${'unan'.padStart(4)} ${'NC-P'.padStart(5)} ${'NC-R'.padStart(5)}  ${'med ms'.padStart(7)}`;
  const lines = [title, header, '-'.repeat(header.length)];
  const groups: [string, (o: Outcome) => boolean][] = [
    ['all', () => true],
    ['zh answerable + unanswerable', (o) => o.item.lang === 'zh'],
    ['en', (o) => o.item.lang === 'en'],
    ...KINDS.map((kind): [string, (o: Outcome) => boolean] => [`kind=${kind}`, (o) => o.item.kind === kind]),
  ];
  for (const [label, keep] of groups) {
    const sel = outcomes.filter(keep);
    if (sel.length === 0) continue;
    lines.push(row(label, metrics(sel)));
    const base = baseline.filter(keep);
    if (base.length) lines.push(row('  baseline (BM25 windows)', metrics(base)));
  }
  return lines;
}

/** Best threshold on these questions: maximises correct decisions (answered with a hit@5, or declined when unanswerable). */
function calibrate(engineAt: (t: Thresholds) => Engine, items: EvalItem[], multilingual: boolean) {
  return async () => {
    const grid = Array.from({ length: 25 }, (_, i) => 0.2 + i * 0.025);
    const rows: { t: number; m: Metrics; correct: number }[] = [];
    for (const t of grid) {
      const { outcomes } = await runEngine(engineAt({ minCoverage: t }), items.filter((i) => i.lang === 'zh' || multilingual), K);
      const correct = outcomes.filter((o) => o.reason !== 'needs-model' && (o.item.kind === 'unanswerable' ? !o.answered : o.hitRank > 0)).length;
      rows.push({ t, m: metrics(outcomes), correct });
    }
    return rows;
  };
}

main(async () => {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', multiple: true },
      calibrate: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      json: { type: 'string' },
      'min-coverage': { type: 'string' },
      'from-feedback': { type: 'boolean', default: false },
    },
  });
  const config = setup();
  if (values['from-feedback']) {
    for (const row of await feedbackCandidates(config)) process.stdout.write(JSON.stringify(row) + '\n');
    return;
  }
  const sets = values.set?.length ? values.set : DEFAULT_SETS;
  const items = sets.flatMap(readQuestionSet);
  const prepared = await prepare(config);
  const { index, embedder } = prepared;
  const override = values['min-coverage'];
  const engine =
    override === undefined
      ? prepared.engine
      : Engine.create(index, embedder, () => ({ minCoverage: Number(override) }), rankingFrom(config));
  log.info(`mode: ${engine.mode}${engine.model ? ` (${engine.model})` : ''}; ${items.length} questions from ${sets.join(', ')}`);

  const baselineIndex = await LexicalBaseline.build(config.CORPUS_DIR);
  const baseline: Outcome[] = items.map((item) => {
    const t = performance.now();
    const hits = baselineIndex.search(item.question, K);
    return { item, answered: true, ms: performance.now() - t, hitRank: firstHit(item, hits) };
  });

  const { outcomes, answers } = await runEngine(engine, items, K);
  const out = table(`Answer pipeline (${engine.mode}) vs plain lexical baseline, k=${K}`, outcomes, baseline);
  process.stdout.write(out.join('\n') + '\n');

  if (values.verbose) {
    process.stdout.write('\nMisses and wrong decisions:\n');
    outcomes.forEach((o, i) => {
      const wrong = o.item.kind === 'unanswerable' ? o.answered : o.hitRank !== 1;
      if (!wrong) return;
      const a = answers[i]!;
      const top = a.results[0];
      process.stdout.write(
        `- ${o.item.id} [${o.item.kind}/${o.item.lang}] ${o.item.question} → ${a.answered ? `rank ${o.hitRank || '–'}; top: ${top?.source.file.slice(0, 3)} cov ${top?.coverage} «${top ? top.text.slice(top.highlight.start, top.highlight.end).slice(0, 60) : ''}»` : `not answered (${a.reason})`}\n`,
      );
    });
  }

  if (values.calibrate) {
    const engineAt = (t: Thresholds) => Engine.create(index, embedder, () => t, rankingFrom(config));
    const rows = await calibrate(engineAt, items, engine.multilingual)();
    process.stdout.write(`\nThreshold sweep (minCoverage) for ${engine.mode} mode${engine.multilingual ? '' : ', Chinese questions'}:\n   τ    hit@1 hit@5  NC-P  NC-R  correct/${items.length}\n`);
    for (const r of rows) process.stdout.write(`  ${r.t.toFixed(3)} ${pct(r.m.hit1)} ${pct(r.m.hit5)} ${pct(r.m.ncPrecision)} ${pct(r.m.ncRecall)}  ${r.correct}\n`);
    const best = rows.reduce((a, b) => (b.correct > a.correct ? b : a));
    process.stdout.write(`best: minCoverage ${best.t.toFixed(3)} (${best.correct}/${items.length} correct decisions)\n`);
    const calibrated: Thresholds = { minCoverage: Number(best.t.toFixed(3)) };
    if (engine.multilingual) {
      // Cross-language questions are judged by similarity alone: find the similarity that separates
      // the answerable English questions (evidence at rank 1) from the unanswerable ones.
      const foreign = items.filter((i) => i.lang !== 'zh');
      const { outcomes, answers } = await runEngine(engineAt({ minCoverage: best.t, minDense: -1 }), foreign, 1);
      const points = outcomes.map((o, i) => ({ score: answers[i]!.results[0]?.score ?? -1, good: o.item.kind !== 'unanswerable' && o.hitRank === 1, unanswerable: o.item.kind === 'unanswerable' }));
      let bestDense = { t: -1, correct: -1 };
      for (const t of [...new Set(points.map((p) => p.score))].sort((a, b) => a - b)) {
        const correct = points.filter((p) => (p.score >= t ? p.good : p.unanswerable)).length;
        if (correct > bestDense.correct) bestDense = { t, correct };
      }
      calibrated.minDense = bestDense.t;
      process.stdout.write(`cross-language: minDense ${bestDense.t.toFixed(4)} (${bestDense.correct}/${foreign.length} correct decisions)\n`);
    }
    if (engine.model) {
      await saveCalibration(engine.model, calibrated, config.EMBEDDINGS_DIR);
      process.stdout.write(`saved for ${engine.model} in ${config.EMBEDDINGS_DIR}/calibration.json\n`);
    } else {
      process.stdout.write(`lexical mode ships with minCoverage ${LEXICAL_THRESHOLDS.minCoverage} (src/search/calibration.ts)\n`);
    }
  }

  if (values.json) {
    await writeFile(values.json, JSON.stringify({ mode: engine.mode, model: engine.model, all: metrics(outcomes), baseline: metrics(baseline) }, null, 2));
  }
});
