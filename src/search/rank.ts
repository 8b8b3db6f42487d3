// Candidates → passages in answer order: each candidate judged (support.ts), scored by retrieval rank
// and support, then near-duplicates dropped and a second article let through ahead of more of the same.
import type { Article, BlockKind, Chunk } from '../corpus/types.js';
import { jaccard } from '../text/chars.js';
import type { AnswerContext } from './answer.js';
import type { RankingOptions } from './knobs.js';
import type { AnalyzedQuery } from './query.js';
import { retrieve, type StageTimes } from './retrieve.js';
import { aboutHeadline, aboutReporting, asksPhotographer, chunkKind, chunkView, continuesBlockBefore, judge, pickSentence, writes, type Judgement, type WordStats } from './support.js';

export interface Scored {
  chunk: Chunk;
  judgement: Judgement;
  score: number;
  /** Fused retrieval score as a share of the best possible. */
  retrieval: number;
  denseScore?: number | undefined;
}

/** The fused score of a passage ranked first by every retriever in use. */
function bestPossible(ctx: AnswerContext): number {
  const r = ctx.ranking.retrieve;
  const weights = r.lexicalWeight + r.bigramWeight + (ctx.vectors ? r.denseWeight : 0);
  return weights / (r.rrfK + 1);
}

/**
 * A judged candidate's score: its retrieval rank, how well its best sentence and the whole passage hold
 * the question's words, its share of the question's bigrams, and — when the question asks for a date, an
 * amount, a count or a person — whether it holds one (a caption naming only the topic does not); and,
 * for a question about a photo, whether it is a caption.
 */
export function passageScore(fusedShare: number, j: Judgement, weights: RankingOptions['weights'], caption: 'photo' | 'other' | false = false): number {
  return (
    weights.fused * fusedShare +
    weights.sentence * j.best.coverage +
    weights.passage * j.passage +
    weights.bigrams * j.bigrams +
    (j.typeExact ? weights.type : 0) +
    (caption === 'photo' ? weights.caption : caption === 'other' ? -weights.otherCaption : 0)
  );
}

/**
 * A passage going on with the paragraph before it (同时，…; 三是…, a speaker's words) is found by what it
 * says; who speaks, or what is listed, stands in that paragraph — which its judgement counts as context.
 * Retrieval counts it too: such a passage is found at least as well as the one it goes on with.
 */
export function retrievalWithContext(candidates: readonly { chunk: Chunk; fused: number }[]): (chunk: Chunk, fused: number, article: Article) => number {
  const byBlock = new Map(candidates.map((c) => [`${c.chunk.file}#${c.chunk.block}`, c.fused]));
  return (chunk, fused, article) => (continuesBlockBefore(article, chunk.block) ? Math.max(fused, byBlock.get(`${chunk.file}#${chunk.block - 1}`) ?? 0) : fused);
}

export async function rank(q: AnalyzedQuery, words: WordStats[], ctx: AnswerContext, times?: StageTimes): Promise<Scored[]> {
  const retrieved = await retrieve(q, ctx, ctx.ranking.retrieve, times);
  // A byline answers who reported or took the pictures, and nothing else: it would only crowd out passages
  // that say something.
  const photographer = asksPhotographer(q);
  const reporter = aboutReporting(q) || photographer;
  // A headline with its deck answers which series or part a story is, or what its headline says; else it
  // would outrank the passages its words head.
  const headline = aboutHeadline(q);
  const candidates = retrieved.candidates.filter((c) => {
    const kind = chunkKind(ctx.articles.get(c.chunk.file)!, c.chunk);
    return (reporter || kind !== 'byline') && (headline || kind !== 'heading');
  });
  if (candidates.length === 0) return [];
  const maxFused = candidates[0]!.fused;
  const best = bestPossible(ctx);
  const { weights, support, rerankDepth } = ctx.ranking;
  const found = retrievalWithContext(candidates);
  // Asked who took a picture, a byline crediting it (…记者 李某文 王某图) is as much about the photo as its caption.
  const photoPart = (kind: BlockKind | undefined) => (kind === 'caption' || (kind === 'byline' && photographer)) && (q.aboutPhoto ? 'photo' : 'other');
  const scored: Scored[] = candidates.slice(0, rerankDepth).map((c) => {
    const article = ctx.articles.get(c.chunk.file)!;
    const j = judge(q, words, c.chunk, article, ctx.lexicon, support);
    return {
      chunk: c.chunk,
      judgement: j,
      denseScore: c.denseScore,
      retrieval: c.fused / best,
      score: passageScore(found(c.chunk, c.fused, article) / maxFused, j, weights, photoPart(chunkKind(article, c.chunk))),
    };
  });
  scored.sort((a, b) => b.score - a.score || a.chunk.id - b.chunk.id);
  return diversify(scored, ctx, { q, words });
}

function isDuplicate(a: Scored, b: Scored, ctx: AnswerContext): boolean {
  if (a.chunk.file === b.chunk.file && a.judgement.best.start === b.judgement.best.start) return true;
  const view = (s: Scored) => chunkView(s.chunk, ctx.articles.get(s.chunk.file)!);
  return jaccard(view(a).bigrams, view(b).bigrams) > ctx.ranking.duplicateSimilarity;
}

/**
 * Overlapping passages that would bold the same sentence show the same answer twice; but the later one
 * may go on to what the earlier one only leads up to. It stays, bolding its best sentence of its own
 * (outside the passages already shown), when it has one that holds question words.
 */
function ownSentence(next: Scored, picked: Scored[], q: AnalyzedQuery, words: WordStats[], ctx: AnswerContext): Scored | undefined {
  const view = chunkView(next.chunk, ctx.articles.get(next.chunk.file)!);
  const shown = picked.filter((p) => p.chunk.file === next.chunk.file);
  const own = view.sentences.filter((s) => !shown.some((p) => s.start < p.chunk.end && s.end > p.chunk.start));
  if (own.length === 0) return undefined;
  const best = own[pickSentence(q, words, own, ctx.lexicon, ctx.ranking.support)]!;
  if (!words.some((w) => writes(w, best.text))) return undefined;
  return { ...next, judgement: { ...next.judgement, best: { ...next.judgement.best, start: best.start, end: best.end } } };
}

/** Greedy selection: skip near-duplicates, and let a second article through ahead of more of the same. */
export function diversify(scored: Scored[], ctx: AnswerContext, query?: { q: AnalyzedQuery; words: WordStats[] }): Scored[] {
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
    let [next] = pool.splice(bestIdx, 1);
    if (picked.some((p) => isDuplicate(p, next!, ctx))) {
      const sameSentence = picked.some((p) => p.chunk.file === next!.chunk.file && p.judgement.best.start === next!.judgement.best.start);
      const kept = sameSentence && query ? ownSentence(next!, picked, query.q, query.words, ctx) : undefined;
      if (!kept || picked.some((p) => isDuplicate(p, kept, ctx))) continue;
      next = kept;
    }
    picked.push(next!);
    perArticle.set(next!.chunk.file, (perArticle.get(next!.chunk.file) ?? 0) + 1);
  }
  return picked;
}
