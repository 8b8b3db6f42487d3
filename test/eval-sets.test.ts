// The question sets themselves: well-formed, evidence that really is in the cleaned articles (so a hit
// can be scored mechanically), and the fixed tune / held-out split.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import { answerable, answeringFiles, readQuestionSet } from '../src/eval/dataset.js';
import { TUNE_PERCENT, fnv1a32, splitOf } from '../src/eval/split.js';
import { CORPUS, REPO } from './helpers/fs.js';

const EVAL = path.join(REPO, 'test', 'eval');
const sets = readdirSync(EVAL).filter((f) => f.endsWith('.jsonl'));
const items = sets.flatMap((f) => readQuestionSet(path.join(EVAL, f)));
const blind = items.filter((i) => i.set.startsWith('qa-blind-'));

describe('question sets', () => {
  it('have unique ids and at least 300 blind questions, a quarter unanswerable, 20+ in English', () => {
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    expect(blind.length).toBeGreaterThanOrEqual(300);
    expect(blind.filter((i) => !answerable(i)).length / blind.length).toBeGreaterThanOrEqual(0.25);
    expect(blind.filter((i) => i.lang === 'en').length).toBeGreaterThanOrEqual(20);
    for (const i of blind.filter((x) => !answerable(x))) expect(i.class, i.id).toBeTruthy();
  });

  it('give every answerable question evidence found verbatim in the cleaned text of its article(s)', async () => {
    const { articles } = await loadCorpus(CORPUS);
    const text = new Map(articles.map((a) => [a.meta.file, a.text]));
    const missing: string[] = [];
    for (const item of items.filter(answerable)) {
      expect(item.evidence.length, item.id).toBeGreaterThan(0);
      const files = answeringFiles(item);
      for (const e of item.evidence) if (!files.some((f) => text.get(f)?.includes(e))) missing.push(`${item.id}: ${e}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('the tune / held-out split', () => {
  it('depends only on the id, through a seeded FNV-1a hash', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c); // the published FNV-1a test vector
    expect(splitOf('bA-001', false)).toBe(splitOf('bA-001', false));
  });

  it('puts at most 40% of the blind questions in tune, and the sets tuned on before always there', () => {
    const tune = blind.filter((i) => i.split === 'tune').length / blind.length;
    expect(TUNE_PERCENT).toBeLessThanOrEqual(40);
    expect(tune).toBeGreaterThan(0.25);
    expect(tune).toBeLessThanOrEqual(0.4);
    expect(items.filter((i) => /qa-(dev|extra)/.test(i.set)).every((i) => i.split === 'tune')).toBe(true);
  });
});
