// Chinese word segmentation (jieba) shared by the cleaner, the lexical index and query analysis.
// One lazily created segmenter: loading the dictionary takes ~0.2 s, so nobody pays it twice.
import { Jieba } from '@node-rs/jieba';
import { dict, idf as idfBytes } from '@node-rs/jieba/dict.js';
// The lexicon's gazetteer (lexicon.ts lists it; imported here directly because the segmenter is shared
// by the English part of the lexicon too).
import { DICT_SUPPLEMENT, SUPPLEMENT_ENTRIES } from './dict-supplement.js';
import { normalizeText } from './normalize.js';

let jieba: Jieba | undefined;
/** Parts of speech of the supplement's words: jieba keeps its own tag for words it already knows. */
const supplementTags = new Map<string, string>();

export function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    for (const { word, tag } of SUPPLEMENT_ENTRIES) supplementTags.set(word, tag);
    jieba.loadDict(Buffer.from(DICT_SUPPLEMENT.split('\n').filter((l) => l.trim()).join('\n')));
  }
  return jieba;
}

/** Words with their part of speech (jieba's precise mode, HMM for unknown words). */
export function tagged(text: string): { word: string; tag: string }[] {
  return segmenter()
    .tag(text, true)
    .map(({ word, tag }) => ({ word, tag: supplementTags.get(word) ?? tag }));
}

/** Words of a text in jieba's precise mode (what a reader would call the words). */
export function words(text: string): string[] {
  return segmenter().cut(text, true);
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
  for (const t of segmenter().cutForSearch(normalizeText(text), true)) {
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

let generalIdf: Map<string, number> | undefined;
/**
 * How informative a word is in general Chinese (jieba's IDF table, from a large general corpus), capped
 * at RARE_WORD_IDF; undefined for words that rare or unknown. Independent of our own small corpus, so a
 * question's key words can be told from its filler words even when they never occur in the coverage.
 */
export function wordIdf(word: string): number | undefined {
  if (!generalIdf) {
    generalIdf = new Map();
    const text = Buffer.from(idfBytes).toString('utf8');
    for (let i = 0; i < text.length; ) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      const sp = text.lastIndexOf(' ', end);
      if (sp > i) {
        const idf = Number(text.slice(sp + 1, end));
        if (idf < RARE_WORD_IDF) generalIdf.set(text.slice(i, sp), idf);
      }
      i = end + 1;
    }
  }
  return generalIdf.get(word);
}
