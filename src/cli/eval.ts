// `npm run eval [-- --set file.jsonl …] [--split tune|held-out] [--verbose] [--calibrate] [--json out.json]`
// (`-- --from-feedback`: 👎 answers as candidate eval rows, see cli/feedback.ts)
// Runs the question sets through the bot's own answer pipeline (as `npm run ask` does) and prints, per
// split and per kind: hit@1, hit@5, MRR, bold-sentence accuracy, answerable declined, "not covered"
// precision/recall, the share of unanswerable questions not answered with confidence (declined or shown
// only as "possibly relevant": U-unc) and latency — next to two plain BM25 baselines measured in the same run.
// The blind sets are split into tune and held-out by a hash of the question id (src/eval/split.ts):
// --verbose lists misses of tune only, unless --split held-out asks otherwise on purpose.
// --calibrate fits the answer decision on tune (never held-out) and writes what ships.
import { readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepare } from '../boot.js';
import type { Answer } from '../search/answer.js';
import { LexicalBaseline, type BaselineTokens } from '../eval/baseline.js';
import { KINDS, answerable, isHit, readQuestionSet, type EvalItem } from '../eval/dataset.js';
import { metrics, type Metrics, type Outcome } from '../eval/metrics.js';
import { fitDecision } from '../eval/fit.js';
import type { Split } from '../eval/split.js';
import { Engine } from '../search/engine.js';
import { calibrationFor, saveCalibration } from '../search/calibration.js';
import type { Decision } from '../search/knobs.js';
import { log } from '../log.js';
import { feedbackCandidates } from './feedback.js';
import { main, setup } from './run.js';

const EVAL_DIR = 'test/eval';
const TUNED_FILE = 'src/search/tuned.ts';

function tunedSource(zh: Decision, en: Decision): string {
  const show = (d: Decision) => `{\n  weights: ${JSON.stringify(d.weights)},\n  notCovered: ${d.notCovered},\n  caveat: ${d.caveat},\n}`;
  return `// Written by \`npm run eval -- --calibrate\` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = ${show(zh)};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = ${show(en)};
`;
}

const K = 5;

const pct = (x: number) => (Number.isNaN(x) ? '    –' : x.toFixed(2).padStart(5));

function firstHit(item: EvalItem, passages: { text: string; file: string }[]): number {
  const i = passages.findIndex((p) => isHit(item, p));
  return i < 0 ? 0 : i + 1;
}

export function outcomeOf(item: EvalItem, a: Answer, ms: number): Outcome {
  const hitRank = firstHit(item, a.results.map((r) => ({ text: r.text, file: r.source.file })));
  const top = a.results[0];
  const bold = top ? top.text.slice(top.highlight.start, top.highlight.end) : '';
  return { item, answered: a.answered, status: a.status, reason: a.reason, ms, hitRank, boldOk: hitRank === 1 && item.evidence.some((e) => bold.includes(e)) };
}

async function runEngine(engine: Engine, items: EvalItem[]): Promise<{ outcomes: Outcome[]; answers: Answer[] }> {
  const outcomes: Outcome[] = [];
  const answers: Answer[] = [];
  for (const item of items) {
    const t = performance.now();
    const a = await engine.ask(item.question, { k: K });
    answers.push(a);
    outcomes.push(outcomeOf(item, a, performance.now() - t));
  }
  return { outcomes, answers };
}

const HEADER = `${'subset'.padEnd(28)} ${'ans'.padStart(4)} ${'hit@1'.padStart(5)} ${'hit@5'.padStart(5)} ${'MRR'.padStart(5)} ${'bold'.padStart(5)} ${'decl'.padStart(5)}   ${'unan'.padStart(4)} ${'NC-P'.padStart(5)} ${'NC-R'.padStart(5)} ${'U-unc'.padStart(5)}  ${'p50 ms'.padStart(6)} ${'p95'.padStart(6)}`;

function row(label: string, m: Metrics): string {
  return `${label.padEnd(28)} ${String(m.answerable).padStart(4)} ${pct(m.hit1)} ${pct(m.hit5)} ${pct(m.mrr)} ${pct(m.bold)} ${pct(m.declined)}   ${String(m.unanswerable).padStart(4)} ${pct(m.ncPrecision)} ${pct(m.ncRecall)} ${pct(m.unconfident)}  ${m.medianMs.toFixed(1).padStart(6)} ${m.p95Ms.toFixed(1).padStart(6)}`;
}

type Runs = { label: string; outcomes: Outcome[] }[];

function table(title: string, runs: Runs, keepSplit: (o: Outcome) => boolean): string[] {
  const lines = [title, HEADER, '-'.repeat(HEADER.length)];
  const groups: [string, (o: Outcome) => boolean][] = [
    ['zh (answerable + unanswerable)', (o) => o.item.lang === 'zh'],
    ['en', (o) => o.item.lang === 'en'],
    ...KINDS.map((kind): [string, (o: Outcome) => boolean] => [`  zh kind=${kind}`, (o) => o.item.lang === 'zh' && o.item.kind === kind]),
  ];
  for (const [label, keep] of groups) {
    runs.forEach((run, i) => {
      const sel = run.outcomes.filter((o) => keepSplit(o) && keep(o));
      if (sel.length === 0) return;
      lines.push(row(i === 0 ? label : `    ${run.label}`, metrics(sel)));
    });
  }
  return lines;
}

function describe(o: Outcome, a: Answer): string {
  const top = a.results[0] ?? a.closest?.[0];
  const bold = top ? top.text.slice(top.highlight.start, top.highlight.end).slice(0, 70) : '';
  const what = a.answered ? `${a.status} rank ${o.hitRank || '–'} conf ${a.confidence.toFixed(2)}` : `${a.status} (${a.reason}) conf ${a.confidence.toFixed(2)}`;
  return `- ${o.item.id} [${o.item.kind}${o.item.class ? '/' + o.item.class : ''}/${o.item.lang}] ${o.item.question} → ${what}; top ${top?.source.file.slice(0, 3) ?? '–'} «${bold}»`;
}

main(async () => {
  const { values } = parseArgs({
    options: {
      set: { type: 'string', multiple: true },
      split: { type: 'string' },
      calibrate: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      json: { type: 'string' },
      'from-feedback': { type: 'boolean', default: false },
    },
  });
  const config = setup();
  if (values['from-feedback']) {
    for (const row of await feedbackCandidates(config)) process.stdout.write(JSON.stringify(row) + '\n');
    return;
  }
  const sets = values.set?.length ? values.set : readdirSync(EVAL_DIR).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(EVAL_DIR, f));
  let items = sets.flatMap(readQuestionSet);
  const only = values.split as Split | undefined;
  if (only && only !== 'tune' && only !== 'held-out') throw new Error('--split is tune or held-out');
  const prepared = await prepare(config);
  let engine = prepared.engine;

  if (values.calibrate) {
    // Fitted on tune only: held-out questions are never seen by the fit.
    const tune = items.filter((i) => i.split === 'tune');
    process.stdout.write('Chinese questions — ');
    const decision = await fitDecision(engine, tune.filter((i) => i.lang === 'zh'), (line) => process.stdout.write(line + '\n'));
    process.stdout.write('English questions — ');
    const decisionEnglish = await fitDecision(engine.withDecision(decision), tune.filter((i) => i.lang === 'en'), (line) => process.stdout.write(line + '\n'));
    engine = engine.withRanking({ ...engine.ranking, decision, decisionEnglish });
    if (engine.model) {
      await saveCalibration(engine.model, { ...calibrationFor(engine.model, config.EMBEDDINGS_DIR), decision, decisionEnglish }, config.EMBEDDINGS_DIR);
      process.stdout.write(`saved for ${engine.model} in ${config.EMBEDDINGS_DIR}/calibration.json\n`);
    } else {
      await writeFile(TUNED_FILE, tunedSource(decision, decisionEnglish));
      process.stdout.write(`lexical decisions written to ${TUNED_FILE} (they ship with the source)\n`);
    }
  }
  if (only) items = items.filter((i) => i.split === only);
  log.info(`mode: ${engine.mode}${engine.model ? ` (${engine.model})` : ''}; ${items.length} questions from ${sets.length} set(s)`);

  const baselines: Runs = [];
  for (const tokens of ['words', 'bigrams'] as BaselineTokens[]) {
    const b = await LexicalBaseline.build(config.CORPUS_DIR, tokens);
    baselines.push({
      label: `baseline BM25 ${tokens}`,
      outcomes: items.map((item) => {
        const t = performance.now();
        const hits = b.search(item.question, K);
        return { item, answered: true, ms: performance.now() - t, hitRank: firstHit(item, hits) };
      }),
    });
  }
  const { outcomes, answers } = await runEngine(engine, items);
  const runs: Runs = [{ label: 'coverage-bot', outcomes }, ...baselines];
  const splits: Split[] = only ? [only] : ['tune', 'held-out'];
  const out: string[] = [];
  for (const s of splits) {
    const n = items.filter((i) => i.split === s).length;
    out.push('', ...table(`== ${s} (${n} questions) — coverage-bot (${engine.mode}) then the two baselines, k=${K}`, runs, (o) => o.item.split === s));
  }
  process.stdout.write(out.join('\n') + '\n');

  if (values.verbose) {
    const listed = only ?? 'tune';
    process.stdout.write(`\nMisses and wrong decisions (${listed}):\n`);
    outcomes.forEach((o, i) => {
      if (o.item.split !== listed) return;
      const wrong = answerable(o.item) ? o.hitRank !== 1 || !o.answered || !o.boldOk : o.answered;
      if (wrong) process.stdout.write(describe(o, answers[i]!) + '\n');
    });
  }

  if (values.json) {
    const bySplit = (run: Outcome[], s: Split) => metrics(run.filter((o) => o.item.split === s && o.item.lang === 'zh'));
    const report = Object.fromEntries(
      splits.map((s) => [s, Object.fromEntries(runs.map((r) => [r.label, bySplit(r.outcomes, s)]))]),
    );
    await writeFile(values.json, JSON.stringify({ mode: engine.mode, model: engine.model, ...report }, null, 2));
  }
});
