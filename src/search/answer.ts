// The answer pipeline shared by the terminal, the CLI and the bot: question → candidates → passages
// ranked by how well they support the question → the answering sentence marked in each → a decision
// whether the coverage answers at all.
import type { Article, Chunk } from '../corpus/types.js';
import { sentenceSpans } from '../corpus/sentences.js';
import { jaccard } from '../text/chars.js';
import { analyzeQuery, type AnalyzedQuery } from './query.js';
import { retrieve, type RetrieveOptions, type SearchComponents, type StageTimes, DEFAULT_RETRIEVE } from './retrieve.js';
import { chunkView, judge, unknownNames, wordStats, type Judgement, type WordStats } from './support.js';

export interface Source {
  file: string;
  title: string;
  paper: string;
  date: string;
  section: string;
  url?: string;
}

export interface Passage {
  chunkId: number;
  /** Body text, or a photo caption (cited as a caption). */
  kind: 'text' | 'caption';
  /** Verbatim quote from the article (at most `quoteMaxChars`). */
  text: string;
  /** The sentence that best answers, as offsets into `text`. */
  highlight: { start: number; end: number };
  score: number;
  /** Weighted share of the question's words found in the highlighted sentence and its headings. */
  coverage: number;
  source: Source;
}

export type NotAnsweredReason = 'empty' | 'not-covered' | 'needs-model';

/**
 * Three honest outcomes: `answered` (the passages, the answering sentence bold), `caveat` (passages shown
 * as "possibly relevant": confidence is low), `not-covered` (one line; `closest` holds the nearest
 * passages for a "show closest" button). `empty`: nothing to search for (no content words).
 */
export type AnswerStatus = 'answered' | 'caveat' | 'not-covered' | 'empty';

export interface Answer {
  question: string;
  /** true for `answered` and `caveat`. */
  answered: boolean;
  status: AnswerStatus;
  reason?: NotAnsweredReason;
  mode: 'hybrid' | 'lexical';
  /** How sure the engine is that the first passage answers (0–1). */
  confidence: number;
  /** Best passages first (the page asked for); empty when not answered. */
  results: Passage[];
  /** Answering passages in all pages. */
  total: number;
  /** Not covered: the nearest passages anyway (best first), for a "closest passages" button. */
  closest?: Passage[];
  /** A question in another language matched through translated keywords: the Chinese terms used. */
  translatedTerms?: string[];
}

export interface Thresholds {
  /** Minimum coverage of the question's words by the best sentence (plus headings). */
  minCoverage: number;
  /**
   * Cross-language questions (multilingual model only): minimum question–passage similarity. Model
   * specific; measured by `npm run eval -- --calibrate`. Without it a match must stand out instead.
   */
  minDense?: number | undefined;
}

export interface RankingOptions {
  retrieve: RetrieveOptions;
  /** Weights of fused retrieval rank, best-sentence coverage, passage coverage and passing the checks. */
  weights: { fused: number; sentence: number; passage: number; checks: number };
  /** Score taken off per result already shown from the same article (prefer several sources). */
  sameArticlePenalty: number;
  /** Two passages more alike than this (character-bigram Jaccard) are one passage. */
  duplicateSimilarity: number;
  quoteMaxChars: number;
}

export const DEFAULT_RANKING: RankingOptions = {
  retrieve: DEFAULT_RETRIEVE,
  weights: { fused: 0.6, sentence: 0.3, passage: 0.1, checks: 0.2 },
  sameArticlePenalty: 0.05,
  duplicateSimilarity: 0.5,
  quoteMaxChars: 500,
};

export interface AnswerContext extends SearchComponents {
  articles: Map<string, Article>;
  thresholds: Thresholds;
  ranking: RankingOptions;
}

interface Scored {
  chunk: Chunk;
  judgement: Judgement;
  score: number;
  denseScore?: number | undefined;
}

export function sourceOf(article: Article, chunk: Chunk): Source {
  const { file, title, paper, date, url } = article.meta;
  return { file, title, paper, date, section: chunk.section, ...(url ? { url } : {}) };
}

/** Quote of at most `max` characters around the best sentence, in whole sentences. */
function quote(article: Article, chunk: Chunk, best: Judgement['best'], max: number): { text: string; start: number; end: number } {
  if (chunk.end - chunk.start <= max) return { text: chunk.text, start: chunk.start, end: chunk.end };
  const spans = sentenceSpans(article.text, chunk.start, chunk.end);
  let i = spans.findIndex((s) => s.start === best.start);
  if (i < 0) i = 0;
  let j = i;
  const fits = (a: number, b: number) => spans[b]!.end - spans[a]!.start <= max;
  while (true) {
    if (j + 1 < spans.length && fits(i, j + 1)) j++;
    else if (i > 0 && fits(i - 1, j)) i--;
    else break;
  }
  const start = spans[i]!.start;
  let end = spans[j]!.end;
  if (end - start > max) end = start + max; // a single sentence longer than the limit
  return { text: article.text.slice(start, end), start, end };
}

function isDuplicate(a: Scored, b: Scored, similarity: number, ctx: AnswerContext): boolean {
  if (a.chunk.file === b.chunk.file) {
    // Overlapping passages that would highlight the same sentence show the same answer twice.
    if (a.judgement.best.start === b.judgement.best.start) return true;
    const overlap = Math.min(a.chunk.end, b.chunk.end) - Math.max(a.chunk.start, b.chunk.start);
    if (overlap > 0.5 * Math.min(a.chunk.end - a.chunk.start, b.chunk.end - b.chunk.start)) return true;
  }
  const view = (s: Scored) => chunkView(s.chunk, ctx.articles.get(s.chunk.file)!);
  return jaccard(view(a).bigrams, view(b).bigrams) > similarity;
}

/** A passage answers when its checks pass and it covers enough of the question. */
export function isAnswer(s: Pick<Scored, 'judgement'>, t: Thresholds): boolean {
  const j = s.judgement;
  return j.missing.length === 0 && j.typeOk && j.best.coverage >= t.minCoverage;
}

/** Ranked, de-duplicated passages with their support (no answer decision yet). */
export async function rank(q: AnalyzedQuery, words: WordStats[], ctx: AnswerContext, times?: StageTimes): Promise<Scored[]> {
  const { candidates } = await retrieve(q, ctx, ctx.ranking.retrieve, times);
  if (candidates.length === 0) return [];
  const maxFused = candidates[0]!.fused;
  const { weights } = ctx.ranking;
  const scored: Scored[] = candidates.map((c) => {
    const article = ctx.articles.get(c.chunk.file)!;
    const j = judge(q, words, c.chunk, article);
    const checks = j.missing.length === 0 && j.typeOk ? 1 : 0;
    return {
      chunk: c.chunk,
      judgement: j,
      denseScore: c.denseScore,
      score:
        weights.fused * (c.fused / maxFused) +
        weights.sentence * j.best.coverage +
        weights.passage * j.passage +
        weights.checks * checks,
    };
  });
  scored.sort((a, b) => b.score - a.score);

  return diversify(scored, ctx);
}

/** Greedy selection: skip near-duplicates, and let a second article through ahead of more of the same. */
function diversify(scored: Scored[], ctx: AnswerContext): Scored[] {
  const picked: Scored[] = [];
  const perArticle = new Map<string, number>();
  const pool = [...scored];
  while (pool.length) {
    let bestIdx = 0;
    let bestScore = -Infinity;
    pool.forEach((s, i) => {
      const adjusted = s.score - ctx.ranking.sameArticlePenalty * (perArticle.get(s.chunk.file) ?? 0);
      if (adjusted > bestScore) [bestIdx, bestScore] = [i, adjusted];
    });
    const [next] = pool.splice(bestIdx, 1);
    if (picked.some((p) => isDuplicate(p, next!, ctx.ranking.duplicateSimilarity, ctx))) continue;
    picked.push(next!);
    perArticle.set(next!.chunk.file, (perArticle.get(next!.chunk.file) ?? 0) + 1);
  }
  return picked;
}

export interface AskOptions {
  k: number;
  offset?: number;
  times?: StageTimes;
}

/** Without a calibrated threshold, a cross-language match must stand out from the other candidates by this many standard deviations. */
const CROSS_LANGUAGE_Z = 2;

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot; // both are normalised
}

/**
 * A question in another language than the coverage (multilingual model only): words cannot be matched,
 * so passages are judged by embedding similarity alone, and the highlighted sentence is the passage's
 * sentence closest to the question.
 */
async function crossLanguage(q: AnalyzedQuery, ctx: AnswerContext, opts: AskOptions): Promise<Scored[]> {
  const { candidates, queryVector } = await retrieve(q, ctx, ctx.ranking.retrieve, opts.times);
  const dense = candidates.filter((c) => c.denseScore !== undefined).sort((a, b) => b.denseScore! - a.denseScore!);
  if (!queryVector || dense.length === 0) return [];
  const scores = dense.map((c) => c.denseScore!);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length) || 1;
  const threshold = ctx.thresholds.minDense ?? mean + CROSS_LANGUAGE_Z * std;
  const passing = dense.filter((c) => c.denseScore! >= threshold);
  const scored: Scored[] = [];
  for (const c of passing) {
    const article = ctx.articles.get(c.chunk.file)!;
    const spans = chunkView(c.chunk, article).sentences;
    const vectors = await ctx.embedder!.embedRaw(spans.map((s) => ctx.embedder!.profile.passagePrefix + article.text.slice(s.start, s.end)));
    let best = 0;
    vectors.forEach((v, i) => {
      if (cosine(v, queryVector) > cosine(vectors[best]!, queryVector)) best = i;
    });
    const span = spans[best] ?? { start: c.chunk.start, end: c.chunk.end };
    scored.push({
      chunk: c.chunk,
      denseScore: c.denseScore,
      score: c.denseScore!,
      judgement: { best: { start: span.start, end: span.end, coverage: 0 }, passage: 0, missing: [], typeOk: true },
    });
  }
  return diversify(scored, ctx);
}

export async function answerQuestion(question: string, ctx: AnswerContext, opts: AskOptions): Promise<Answer> {
  const mode = ctx.vectors && ctx.embedder ? 'hybrid' : 'lexical';
  const q = analyzeQuery(question);
  const base = { question: q.original, mode } as const;
  if (q.words.length === 0) return { ...base, answered: false, status: 'empty', confidence: 0, reason: 'empty', results: [], total: 0 };
  let answering: Scored[];
  if (q.foreign) {
    if (!(mode === 'hybrid' && ctx.embedder!.profile.multilingual)) {
      return { ...base, answered: false, status: 'not-covered', confidence: 0, reason: 'needs-model', results: [], total: 0 };
    }
    answering = await crossLanguage(q, ctx, opts);
  } else {
    const words = wordStats(q, (t) => ctx.lexical.df(t));
    if (unknownNames(words).length > 0) return { ...base, answered: false, status: 'not-covered', confidence: 0, reason: 'not-covered', results: [], total: 0 };
    answering = (await rank(q, words, ctx, opts.times)).filter((s) => isAnswer(s, ctx.thresholds));
  }
  if (answering.length === 0) return { ...base, answered: false, status: 'not-covered', confidence: 0, reason: 'not-covered', results: [], total: 0 };
  const offset = opts.offset ?? 0;
  const results = answering.slice(offset, offset + opts.k).map((s): Passage => {
    const article = ctx.articles.get(s.chunk.file)!;
    const qt = quote(article, s.chunk, s.judgement.best, ctx.ranking.quoteMaxChars);
    const hs = Math.max(s.judgement.best.start, qt.start) - qt.start;
    const he = Math.min(s.judgement.best.end, qt.end) - qt.start;
    return {
      chunkId: s.chunk.id,
      kind: 'text',
      text: qt.text,
      highlight: { start: hs, end: Math.max(hs, he) },
      score: Number(s.score.toFixed(4)),
      coverage: Number(s.judgement.best.coverage.toFixed(4)),
      source: sourceOf(article, s.chunk),
    };
  });
  return { ...base, answered: true, status: 'answered', confidence: 1, results, total: answering.length };
}
