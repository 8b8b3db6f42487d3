// Chinese word segmentation (jieba) shared by the cleaner, the lexical index and query analysis.
//
// Two ways to the same words. Ingest segments whole articles with jieba's full dictionary (loading it
// takes ~0.2 s and ~50 MB, paid once per process). A question needs only a few short texts segmented, so
// once configureSegmenter() names a cache directory, those go through a tiny jieba instead: jieba's
// segmentation of a text T depends only on the dictionary words that are substrings of T (the DAG, and
// the membership checks of HMM and search mode), their frequencies and tags, and the dictionary's total
// frequency. The tiny dictionary holds exactly those words, found by binary search in the word table
// (word-table.ts), plus one filler word — a private-use character that the text does not contain —
// whose frequency keeps the total equal. test/segment-exact.test.ts checks the results are identical.
import { readFileSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Jieba as JiebaClass } from '@node-rs/jieba';
import { checksum } from '../index/checksum.js';
import { log } from '../log.js';
// The lexicon's gazetteer (lexicon.ts lists it; imported here directly because the segmenter is shared
// by the English part of the lexicon too).
import { DICT_SUPPLEMENT, SUPPLEMENT_ENTRIES } from './dict-supplement.js';
import { normalizeText } from './normalize.js';
import { parseIdf, WORD_TABLE_FORMAT, WordTable } from './word-table.js';

// Required, not imported: an ESM import of this CommonJS loader has Node parse its source for export
// names first (~15 ms of a one-question start-up).
const { Jieba } = createRequire(import.meta.url)('@node-rs/jieba') as typeof import('@node-rs/jieba');
type Jieba = JiebaClass;

let jieba: Jieba | undefined;
/** Parts of speech of the supplement's words: jieba keeps its own tag for words it already knows. */
let supplementTags: Map<string, string> | undefined;
/** The supplement as jieba loads it, after its own dictionary. */
const SUPPLEMENT_LINES = DICT_SUPPLEMENT.split('\n').filter((l) => l.trim()).join('\n');

/** Where @node-rs/jieba keeps dict.txt and idf.txt (its dict.js reads both, 11 MB, when imported). */
const JIEBA_DIR = path.dirname(createRequire(import.meta.url).resolve('@node-rs/jieba/dict.js'));
const JIEBA_FILES = { dict: path.join(JIEBA_DIR, 'dict.txt'), idf: path.join(JIEBA_DIR, 'idf.txt') };
/** jieba's dictionary and IDF table, read on first need: a question answered from the word table never reads them. */
const installed = once(() => ({ dict: readFileSync(JIEBA_FILES.dict), idf: readFileSync(JIEBA_FILES.idf) }));

/** jieba with its full dictionary (and the supplement), loaded on first use. */
export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(installed().dict);
    jieba.loadDict(Buffer.from(SUPPLEMENT_LINES));
  }
  return jieba;
}

/**
 * Identity of jieba's installed dictionary and IDF table (the index manifest records it): the package's
 * version and the two files' sizes. A published npm version never changes its files; hashing their 11 MB
 * at every start cost a one-question CLI call ~40 ms of reading and hashing.
 */
export const dictionaryHash = once(() => {
  const { version } = JSON.parse(readFileSync(path.join(JIEBA_DIR, 'package.json'), 'utf8')) as { version: string };
  return checksum(JSON.stringify(['@node-rs/jieba', version, statSync(JIEBA_FILES.dict).size, statSync(JIEBA_FILES.idf).size]));
});

let tableDir: string | undefined;
/** undefined: not looked for yet; null: none to be had (the full dictionary is used). */
let table: WordTable | null | undefined;
let tiny: { jieba: Jieba; words: Set<number>; freq: number } | undefined;
/** Private use, so never in a dictionary or (checked per text) in a text: the tiny dictionary's filler. */
const FILLER = '\ue000';
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Where the word table is cached (the index directory). Until this is called (and after
 * `configureSegmenter({})`), every text goes through the full dictionary. Loads nothing now.
 */
export function configureSegmenter(options: { cacheDir?: string }): void {
  tableDir = options.cacheDir;
  table = undefined;
  tiny = undefined;
}

/** What the word table is built from. */
export interface WordTableSources {
  dict: Uint8Array;
  idf: Uint8Array;
  /** "word freq tag" lines, loaded after the dictionary. */
  supplement: string;
}
/**
 * The word table's cache file: its name carries a hash of everything it is built from (the installed
 * dictionary by its identity, see dictionaryHash; other sources, as the tests pass, by content).
 */
export function wordTableFile(cacheDir: string, sources?: WordTableSources): string {
  const inputs = sources ? [checksum(sources.dict), checksum(sources.idf), checksum(sources.supplement)] : [dictionaryHash(), checksum(SUPPLEMENT_LINES)];
  const key = checksum(JSON.stringify([WORD_TABLE_FORMAT, ...inputs, RARE_WORD_IDF]));
  return path.join(cacheDir, `segmenter-words-${key}.bin`);
}

/** The word table (read from its cache file, else built and written there), or null when unconfigured. */
export function wordTable(): WordTable | null {
  if (table !== undefined) return table;
  if (!tableDir) return (table = null);
  const file = wordTableFile(tableDir);
  let data: Buffer | undefined;
  try {
    data = readFileSync(file);
  } catch {
    // not built yet
  }
  if (data) {
    try {
      return (table = WordTable.fromBuffer(data));
    } catch (e) {
      log.warn(`rebuilding ${path.basename(file)}: ${(e as Error).message}`);
    }
  }
  const { dict, idf } = installed();
  const built = WordTable.build(Buffer.from(dict).toString('utf8'), SUPPLEMENT_LINES, Buffer.from(idf).toString('utf8'), RARE_WORD_IDF);
  if (built.containsChar(FILLER.charCodeAt(0))) return (table = null);
  try {
    mkdirSync(tableDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, built.buffer);
    renameSync(tmp, file);
  } catch (e) {
    log.warn(`segmenter word table not cached: ${(e as Error).message}`);
  }
  return (table = built);
}

/**
 * Reads the word table's cache file without blocking (at start-up, while other work goes on: 8 MB read on
 * the main thread was ~20 ms); wordTable() then has it. A missing or damaged file is left to wordTable(),
 * which builds it (with a warning when damaged).
 */
export async function preloadWordTable(): Promise<void> {
  const dir = tableDir;
  if (table !== undefined || !dir) return;
  const data = await readFile(wordTableFile(dir)).catch(() => undefined);
  // Configured anew, or loaded, meanwhile: leave it.
  if (!data || table !== undefined || tableDir !== dir) return;
  try {
    table = WordTable.fromBuffer(data);
  } catch {
    // wordTable() reads it again and rebuilds it, saying why.
  }
}

/**
 * The jieba to segment `text` with: the full one when loaded (or without a table), else the tiny one,
 * grown by the dictionary words of `text` it lacks (exported for the exactness test).
 */
export function jiebaFor(text: string): Jieba {
  if (jieba) return jieba;
  const t = wordTable();
  if (!t || text.includes(FILLER) || LONE_SURROGATE.test(text)) return segmenter();
  const state = (tiny ??= { jieba: Jieba.withDict(Buffer.from(`${FILLER} ${t.total} x`)), words: new Set(), freq: 0 });
  const lines = t.dictWordsIn(text, (i) => !state.words.has(i) && (state.words.add(i), true));
  if (lines.length) {
    for (const l of lines) state.freq += Number(l.split(' ')[1]);
    // A word jieba already holds (the filler) only takes the new frequency: the total stays jieba's.
    state.jieba.loadDict(Buffer.from(`${lines.join('\n')}\n${FILLER} ${t.total - state.freq} x`));
  }
  return state.jieba;
}

/** Words with their part of speech (jieba's precise mode, HMM for unknown words). */
export function tagged(text: string): { word: string; tag: string }[] {
  const tags = (supplementTags ??= new Map(SUPPLEMENT_ENTRIES.map(({ word, tag }) => [word, tag])));
  return jiebaFor(text)
    .tag(text, true)
    .map(({ word, tag }) => ({ word, tag: tags.get(word) ?? tag }));
}

/** Words of a text in jieba's precise mode (what a reader would call the words). */
export function words(text: string): string[] {
  return jiebaFor(text).cut(text, true);
}

/** jieba's precise mode, HMM on or off. */
export function cut(text: string, hmm: boolean): string[] {
  return jiebaFor(text).cut(text, hmm);
}

/** jieba's search mode (a long word plus the dictionary words inside it), HMM on or off. */
export function cutForSearch(text: string, hmm: boolean): string[] {
  return jiebaFor(text).cutForSearch(text, hmm);
}

const PUNCT_OR_SPACE = /^[\s\p{P}\p{S}]+$/u;
const CJK_RUN_OR_WORD = /[\u3400-\u9fff]+|[a-z0-9]+(?:\.[0-9]+)?%?/g;

/**
 * Character-bigram terms (normalised, lower-cased): overlapping pairs inside runs of Chinese characters,
 * Latin words and numbers whole. Independent of word segmentation, so typos, OCR slips, abbreviations
 * and names jieba does not know still match in part.
 */
export function bigramTerms(text: string): string[] {
  const out: string[] = [];
  for (const run of normalizeText(text).toLowerCase().match(CJK_RUN_OR_WORD) ?? []) {
    if (run.length === 1 || !/[\u3400-\u9fff]/.test(run)) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

/**
 * Index/query terms: jieba's search mode (a long word plus the shorter words inside it, so 区委书记
 * also matches 书记), normalised (see normalizeText), lower-cased, without punctuation.
 */
export function terms(text: string): string[] {
  const out: string[] = [];
  const normalized = normalizeText(text);
  for (const t of cutForSearch(normalized, true)) {
    const w = t.trim().toLowerCase();
    if (w && !PUNCT_OR_SPACE.test(w)) out.push(w);
  }
  return out;
}

/**
 * Words at least this rare are all alike for our purposes (specific terms): only commoner words are kept
 * in memory (44k of jieba's 270k entries), which makes loading the table 4× faster.
 */
export const RARE_WORD_IDF = 10;
/**
 * Below this IDF a word is as common as an ordinary word of general Chinese: jieba's tag calling it a name
 * (容纳) is not to be trusted, and it is not a slip of the pen for a rarer word (全世界).
 */
export const COMMON_WORD_IDF = 9;

let generalIdf: Map<string, number> | undefined;
/**
 * How informative a word is in general Chinese (jieba's IDF table, from a large general corpus), capped
 * at RARE_WORD_IDF; undefined for words that rare or unknown. Independent of our own small corpus, so a
 * question's key words can be told from its filler words even when they never occur in the coverage.
 * Looked up in the word table when there is one, else parsed from jieba's file once.
 */
export function wordIdf(word: string): number | undefined {
  const t = wordTable();
  if (t) return t.idf(word);
  if (!generalIdf) {
    const map = new Map<string, number>();
    parseIdf(Buffer.from(installed().idf).toString('utf8'), RARE_WORD_IDF, (w, idf) => map.set(w, idf));
    generalIdf = map;
  }
  return generalIdf.get(word);
}

function once<T>(f: () => T): () => T {
  let v: { value: T } | undefined;
  return () => (v ??= { value: f() }).value;
}
