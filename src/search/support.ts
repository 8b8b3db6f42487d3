// Does a passage answer the question? Three checks, each about the passage itself, so that they hold for
// questions never seen before:
//   1. coverage — the weighted share of the question's words present in the best sentence. Words found
//      only around it (the paragraph, the section heading, the article title) count a little less:
//      "区委书记张智奎主持会议" answers "永川区委书记是谁" under the headline 永川区委常委会召开会议.
//   2. key terms — a specific term the coverage knows (a name, a number, a rare noun) that the question
//      names must appear in that context: "璧山区委书记是谁" is not answered by "荣昌区委书记高洪波".
//   3. answer type — a "when" question needs a date, a "how much money" question an amount of money.
import type { Article, Chunk } from '../corpus/types.js';
import { sentenceSpans, type Span } from '../corpus/sentences.js';
import { normalizeText } from '../text/normalize.js';
import { wordIdf } from '../text/segment.js';
import type { AnalyzedQuery, QueryWord } from './query.js';
import { LRUCache } from 'lru-cache';
import { bigrams } from '../text/chars.js';

/** Credit for a word found only around the sentence (paragraph, heading, title). */
const CONTEXT_CREDIT = 0.7;
/** Credit for a long word found only through its parts (区委书记 via 书记): often a different thing (区委副书记). */
const PARTS_CREDIT = 0.4;
/** Among sentences, the one that names what the question asks about is the answer to highlight. */
const FOCUS_BONUS = 0.15;
/** A noun this informative in general language is specific enough to be required. */
const KEY_IDF = 6.5;
/** A word this rare in general language is specific whatever jieba tags it (大足 comes out as an adverb). */
const RARE_IDF = 9;

const NOUNISH = /^(n|nr|ns|nt|nz|nrt|nrfg|vn|eng|j|x)$/;
const PROPER = /^(ns|nr|nt|nz|nrt|nrfg|eng)$/;
const NUMBER = /^\d+(\.\d+)?%?$/;
// A date: relative words (今年, 去年) do not count, they answer no "when".
const DATE = /\d{1,2}月|\d{1,2}日|\d{4}年|[上中下]旬|年底|年初|月底|月初|季度|上午|下午|当天|\d{4}-\d{2}/;
const MONEY_AMOUNT = /\d[\d.,]*\s*(?:多)?(?:万|亿)?元|块钱/;
/** A count as printed: digits, Roman numerals (Ⅱ类) or Chinese numerals. */
const COUNT = '(?:\\d[\\d.,]*|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫivx]+|[一二三四五六七八九十百千两]+)';

/** Question words with what the index knows about them. */
export interface WordStats extends QueryWord {
  /** Chunks whose text contains the word (0: the coverage never uses it). */
  df: number;
  /** Must be present around an answering sentence. */
  key: boolean;
}

export function wordStats(q: AnalyzedQuery, df: (term: string) => number): WordStats[] {
  return q.words.map((w) => {
    const d = df(w.word);
    const idf = wordIdf(w.word) ?? 99;
    const specific = NUMBER.test(w.word) || idf >= RARE_IDF || (NOUNISH.test(w.tag) && idf >= KEY_IDF);
    return { ...w, df: d, key: d > 0 && specific };
  });
}

/** A proper name the coverage has never seen ("成都", "西安"): nothing here can be about it. */
export function unknownNames(words: WordStats[]): string[] {
  return words.filter((w) => w.df === 0 && PROPER.test(w.tag) && !NUMBER.test(w.word)).map((w) => w.word);
}

export interface SentenceSupport extends Span {
  coverage: number;
}

export interface Judgement {
  /** Best sentence (offsets into the article text). */
  best: SentenceSupport;
  /** Coverage by the whole passage. */
  passage: number;
  /** Key terms of the question missing around the best sentence. */
  missing: string[];
  /** The answer's paragraph holds the kind of answer asked for (a date, an amount of money, a count). */
  typeOk: boolean;
}

function presence(word: QueryWord, text: string): number {
  if (text.includes(word.word)) return 1;
  if (!word.parts.length) return 0;
  return (PARTS_CREDIT * word.parts.filter((p) => text.includes(p)).length) / word.parts.length;
}

/** Weighted share of words present; of a group ("荣昌和潼南") the best-present member stands for all. */
function coverage(words: WordStats[], text: string, context: string): number {
  let total = 0;
  let got = 0;
  const groups = new Map<number, { weight: number; got: number }>();
  for (const w of words) {
    const p = Math.max(presence(w, text), CONTEXT_CREDIT * presence(w, context));
    if (w.group === undefined) {
      total += w.weight;
      got += w.weight * p;
    } else {
      const g = groups.get(w.group) ?? { weight: 0, got: 0 };
      groups.set(w.group, { weight: Math.max(g.weight, w.weight), got: Math.max(g.got, w.weight * p) });
    }
  }
  for (const g of groups.values()) {
    total += g.weight;
    got += g.got;
  }
  return total === 0 ? 0 : got / total;
}

function missingKeys(words: WordStats[], text: string): string[] {
  const missing: string[] = [];
  const groupHit = new Set<number>();
  for (const w of words) if (w.key && w.group !== undefined && text.includes(w.word)) groupHit.add(w.group);
  for (const w of words) {
    if (!w.key || text.includes(w.word)) continue;
    if (w.group !== undefined && groupHit.has(w.group)) continue;
    missing.push(w.word);
  }
  return missing;
}

/** A chunk prepared for matching: sentences and contexts normalised once, then cached. */
export interface ChunkView {
  sentences: { start: number; end: number; text: string; context: string }[];
  text: string;
  /** Character bigrams of the chunk, for near-duplicate tests. */
  bigrams: Set<string>;
}

const views = new LRUCache<Chunk, ChunkView>({ max: 20_000 });

/** The paragraph block of the article that contains an offset. */
function paragraphAt(article: Article, offset: number): string {
  return article.blocks.find((b) => b.kind === 'paragraph' && b.start <= offset && offset < b.end)?.text ?? '';
}

export function chunkView(chunk: Chunk, article: Article): ChunkView {
  let view = views.get(chunk);
  if (view) return view;
  const heading = `${chunk.section}\n${article.meta.title}`;
  // Context is the sentence's own paragraph (not the whole chunk, which may reach into the paragraph of
  // someone else) plus the headings.
  const contexts = new Map<string, string>();
  const contextOf = (offset: number) => {
    const para = paragraphAt(article, offset);
    let c = contexts.get(para);
    if (c === undefined) contexts.set(para, (c = normalizeText(`${heading}\n${para}`).toLowerCase()));
    return c;
  };
  view = {
    sentences: sentenceSpans(article.text, chunk.start, chunk.end).map((s) => ({
      ...s,
      text: normalizeText(article.text.slice(s.start, s.end)).toLowerCase(),
      context: contextOf(s.start),
    })),
    text: normalizeText(chunk.text).toLowerCase(),
    bigrams: bigrams(chunk.text),
  };
  views.set(chunk, view);
  return view;
}

export function judge(q: AnalyzedQuery, words: WordStats[], chunk: Chunk, article: Article): Judgement {
  const view = chunkView(chunk, article);
  const scored = view.sentences.map((s) => ({
    start: s.start,
    end: s.end,
    coverage: coverage(words, s.text, s.context),
    pick: 0,
    text: s.text,
    context: s.context,
  }));
  for (const s of scored) s.pick = s.coverage + (q.focus && s.text.includes(q.focus) ? FOCUS_BONUS : 0);
  const top = scored.reduce((a, b) => (b.pick > a.pick ? b : a), scored[0] ?? { start: chunk.start, end: chunk.end, coverage: 0, pick: 0, text: view.text, context: view.text });
  return {
    best: { start: top.start, end: top.end, coverage: top.coverage },
    passage: coverage(words, view.text, top.context),
    missing: missingKeys(words, `${top.text}\n${top.context}`),
    typeOk: answerTypeOk(q, top.context),
  };
}

/** The answer's paragraph holds what the question asks for: a date, an amount of money, a count of things. */
function answerTypeOk(q: AnalyzedQuery, paragraph: string): boolean {
  const t = q.answerType;
  if (t.when && !DATE.test(paragraph)) return false;
  if (t.money && !MONEY_AMOUNT.test(paragraph)) return false;
  if (t.measure && !new RegExp(`${COUNT}\\s*(?:多|余)?${t.measure}`).test(paragraph)) return false;
  return true;
}
