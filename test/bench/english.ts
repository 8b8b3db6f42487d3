// `npx tsx test/bench/english.ts` — costs of English questions (src/text/english.ts): loading the lexicon
// from the dictionary and from its disk cache, building the pinyin map of a vocabulary (the corpus's own,
// and 50k jieba dictionary words as a stand-in for a large archive), and translating one question (p50/p99).
// Each load runs in a fresh child process, so module caches do not hide costs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const QUESTIONS = [
  'What was the industrial output of Yongchuan District in 2024?',
  'Who is the party secretary of Dazu?',
  'How many new energy vehicles were produced in 2023?',
  'When did the delegation visit Tongnan?',
  'What is the GDP growth rate of Bishan?',
  'How much did fixed asset investment grow year on year?',
  'How many enterprises moved to the high-tech zone?',
  'What did the government say about bitcoin?',
  'Total investment of 1.2 trillion yuan and 3,000 tons, 8.5% growth',
  'Which projects were signed at the investment promotion conference in March?',
];

async function child(mode: string, cacheDir: string): Promise<void> {
  const { terms } = await import('../../src/text/segment.js');
  const english = await import('../../src/text/english.js');
  const df = new Map<string, number>();
  const dir = path.join(root, 'corpus');
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')))
    for (const para of readFileSync(path.join(dir, f), 'utf8').split(/\n+/)) for (const t of new Set(terms(para))) df.set(t, (df.get(t) ?? 0) + 1);
  const vocab = { df: (t: string) => df.get(t) ?? 0, terms: () => df.keys() };
  if (mode !== 'nocache') english.configureEnglishLexicon({ cacheDir });
  const rss0 = process.memoryUsage().rss;
  const load = english.loadEnglishLexicon();
  const pinyinCorpus = english.preparePinyinNames(vocab);
  const { dict } = await import('@node-rs/jieba/dict.js');
  const big = Buffer.from(dict).toString('utf8').split('\n').map((l) => l.split(' ')[0]!).filter((w) => /^[\u4e00-\u9fff]{2,4}$/.test(w)).slice(0, 50_000);
  const bigVocab = { df: (t: string) => df.get(t) ?? 1, terms: () => big };
  const pinyinBig = english.preparePinyinNames(bigVocab);
  const t0 = performance.now();
  english.translateQuestion(QUESTIONS[0]!, vocab); // first question: jieba's IDF table if not yet loaded
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let r = 0; r < 50; r++)
    for (const q of QUESTIONS) {
      const t = performance.now();
      english.translateQuestion(q, vocab);
      times.push(performance.now() - t);
    }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  console.log(
    JSON.stringify({
      mode,
      source: load.source,
      loadMs: Math.round(load.ms),
      loadHeapMb: Math.round(load.heapMb),
      rssMb: Math.round((process.memoryUsage().rss - rss0) / 1e6),
      pinyinCorpusMs: Math.round(pinyinCorpus),
      corpusTerms: df.size,
      pinyin50kMs: Math.round(pinyinBig),
      firstQuestionMs: Math.round(first),
      p50Ms: Number(pct(0.5).toFixed(3)),
      p99Ms: Number(pct(0.99).toFixed(3)),
    }),
  );
}

const [, , mode, cacheDir] = process.argv;
if (mode) await child(mode, cacheDir!);
else {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'english-bench-'));
  try {
    for (const m of ['nocache', 'build', 'cached', 'cached'])
      process.stdout.write(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), m, cache], { cwd: root, encoding: 'utf8' }));
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
