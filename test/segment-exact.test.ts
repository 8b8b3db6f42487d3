// The tiny per-text dictionary (text/segment.ts) must segment exactly as jieba's full dictionary does:
// same words, tags and search-mode terms, for every sentence of the corpus and every question of the
// eval sets (raw and normalised as index and query analysis see them). Also: the word table's cache
// file follows its inputs.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import { sentenceSpans } from '../src/corpus/sentences.js';
import { DICT_SUPPLEMENT } from '../src/text/dict-supplement.js';
import { normalizeText } from '../src/text/normalize.js';
import { configureSegmenter, jiebaFor, preloadWordTable, RARE_WORD_IDF, wordIdf, wordTable, wordTableFile } from '../src/text/segment.js';
import { parseIdf, WordTable } from '../src/text/word-table.js';
import { CORPUS, REPO, removeTempDirs, tempDir } from './helpers/fs.js';

afterAll(() => {
  configureSegmenter({});
  removeTempDirs();
});

const SUPPLEMENT = DICT_SUPPLEMENT.split('\n').filter((l) => l.trim()).join('\n');

/** jieba as segment.ts loads its full dictionary, built here so the module's tiny path stays in use. */
function fullJieba(): Jieba {
  const j = Jieba.withDict(dict);
  j.loadDict(Buffer.from(SUPPLEMENT));
  return j;
}

async function texts(): Promise<string[]> {
  const out = new Set<string>();
  const add = (s: string) => {
    for (const t of [s, normalizeText(s), normalizeText(s).toLowerCase()]) if (t.trim()) out.add(t);
  };
  const { articles } = await loadCorpus(CORPUS);
  for (const a of articles) {
    add(a.meta.title);
    for (const s of sentenceSpans(a.text)) add(a.text.slice(s.start, s.end));
  }
  const evalDir = path.join(REPO, 'test', 'eval');
  for (const f of readdirSync(evalDir).filter((n) => n.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(evalDir, f), 'utf8').split('\n').filter(Boolean)) add((JSON.parse(line) as { question: string }).question);
  }
  return [...out];
}

type Seg = Pick<Jieba, 'tag' | 'cut' | 'cutForSearch'>;
const results = (j: Seg, t: string) => ({
  tag: j.tag(t, true),
  tagNoHmm: j.tag(t, false),
  cut: j.cut(t, true),
  cutNoHmm: j.cut(t, false),
  search: j.cutForSearch(t, true),
  searchNoHmm: j.cutForSearch(t, false),
});

/** Each of these segments every text of the corpus and the eval sets (thousands) with fresh jieba instances:
 * seconds alone, much more beside the rest of the suite on two cores. */
const HEAVY = 180_000;

describe('segmenting with the tiny dictionary', () => {
  let full: Jieba;
  let all: string[];
  let table: WordTable;
  beforeAll(async () => {
    full = fullJieba();
    all = await texts();
    configureSegmenter({ cacheDir: tempDir('word-table-') });
    table = wordTable()!;
  }, 60_000);

  it('has enough texts to mean something', () => {
    expect(all.length).toBeGreaterThan(1500);
    expect(all.join('').length).toBeGreaterThan(50_000);
  });

  it('a fresh dictionary per text (its dictionary words and the filler) gives the full results', () => {
    for (const t of all) {
      // Each word once, as segment.ts takes them: a word listed twice would be counted twice in the filler's
      // complement, while jieba keeps it once (啥子 three times in one question moved the total enough to
      // flip a near-tie, 行动计划 against 行动/计划).
      const seen = new Set<number>();
      const lines = table.dictWordsIn(t, (i) => !seen.has(i) && (seen.add(i), true));
      const sum = lines.reduce((s, l) => s + Number(l.split(' ')[1]), 0);
      const tiny = Jieba.withDict(Buffer.from([...lines, `\ue000 ${table.total - sum} x`].join('\n')));
      expect(results(tiny, t), t).toEqual(results(full, t));
    }
  }, HEAVY);

  it('the test notices a wrong total: without the filler some texts segment differently', () => {
    const differ = all.filter((t) => {
      const tiny = Jieba.withDict(Buffer.from(table.dictWordsIn(t, () => true).join('\n') || '\ue000 1 x'));
      return JSON.stringify(results(tiny, t)) !== JSON.stringify(results(full, t));
    });
    expect(differ.length).toBeGreaterThan(10);
  }, HEAVY);

  it('the growing tiny dictionary segment.ts keeps gives the full results, text after text', () => {
    for (const t of all) {
      const j = jiebaFor(t);
      expect(j).not.toBe(full);
      expect(results(j, t), t).toEqual(results(full, t));
    }
  }, HEAVY);

  it('keeps jieba’s total, last frequency and first tag of a repeated word', () => {
    const t = WordTable.build('甲乙 10 n\n乙丙 5 v\n', '甲乙 7 ns\n丙丁 3 nt', '', RARE_WORD_IDF);
    expect(t.total).toBe(15);
    expect(t.dictWordsIn('甲乙丙丁', () => true).sort()).toEqual(['丙丁 3 nt', '乙丙 5 v', '甲乙 7 n']);
  });

  it('wordIdf from the table equals jieba’s IDF table as parsed before', () => {
    const expected = new Map<string, number>();
    parseIdf(Buffer.from(idf).toString('utf8'), RARE_WORD_IDF, (w, v) => expected.set(w, v));
    let rare = 0;
    const wrong: string[] = [];
    for (const line of Buffer.from(idf).toString('utf8').split('\n').filter(Boolean)) {
      const w = line.slice(0, line.lastIndexOf(' '));
      if (wordIdf(w) !== expected.get(w)) wrong.push(w);
      if (!expected.has(w)) rare++;
    }
    expect(wrong).toEqual([]);
    expect(rare).toBeGreaterThan(100_000);
    for (const w of ['', '永川', '区委书记', 'zzz', '\ue000']) expect(wordIdf(w)).toBe(expected.get(w));
  });
});

describe('the word table cache', () => {
  const sources = { dict, idf, supplement: SUPPLEMENT };

  it('is named by its inputs: another dictionary, IDF table or supplement is another file', () => {
    const dir = tempDir('word-table-');
    const base = wordTableFile(dir, sources);
    expect(path.dirname(base)).toBe(dir);
    expect(wordTableFile(dir, { ...sources })).toBe(base);
    expect(wordTableFile(dir, { ...sources, supplement: SUPPLEMENT + '\n綦江区 5000 ns' })).not.toBe(base);
    expect(wordTableFile(dir, { ...sources, dict: Buffer.concat([dict, Buffer.from('新词 3 n\n')]) })).not.toBe(base);
    expect(wordTableFile(dir, { ...sources, idf: Buffer.concat([idf, Buffer.from('新词 9.5\n')]) })).not.toBe(base);
  });

  it('is written on first use, read after, and rebuilt when damaged', () => {
    const dir = tempDir('word-table-');
    configureSegmenter({ cacheDir: dir });
    const file = wordTableFile(dir);
    expect(existsSync(file)).toBe(false);
    const built = wordTable()!;
    expect(existsSync(file)).toBe(true);
    configureSegmenter({ cacheDir: dir });
    expect(wordTable()!.buffer.equals(built.buffer)).toBe(true);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    writeFileSync(file, bytes);
    expect(() => WordTable.fromBuffer(bytes)).toThrow(/checksum/);
    configureSegmenter({ cacheDir: dir });
    expect(wordTable()!.buffer.equals(built.buffer)).toBe(true);
    expect(readFileSync(file).equals(built.buffer)).toBe(true);
  });

  it('is read ahead without blocking; a damaged file read ahead is rebuilt all the same', async () => {
    const dir = tempDir('word-table-');
    configureSegmenter({ cacheDir: dir });
    await preloadWordTable(); // nothing cached yet: nothing read, nothing built
    expect(existsSync(wordTableFile(dir))).toBe(false);
    const built = wordTable()!;
    configureSegmenter({ cacheDir: dir });
    await preloadWordTable();
    const file = wordTableFile(dir);
    writeFileSync(file, 'damaged'); // after the read ahead: what it read is in use
    expect(wordTable()!.buffer.equals(built.buffer)).toBe(true);
    configureSegmenter({ cacheDir: dir });
    await preloadWordTable();
    expect(wordTable()!.buffer.equals(built.buffer)).toBe(true);
    expect(readFileSync(file).equals(built.buffer)).toBe(true);
  });
});
