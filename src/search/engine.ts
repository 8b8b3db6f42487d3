// The one entry point for asking questions: an opened index plus (optionally) the embedding model,
// with the lexicon and the knobs and decision that belong to that mode and model.
import type { ArticleMeta } from '../corpus/types.js';
import type { Embedder } from '../embed/embedder.js';
import type { StoredIndex } from '../index/store.js';
import type { Lexicon } from '../text/lexicon.js';
import { HomophoneFinder } from '../text/pinyin.js';
import { answerQuestion, sourceOf, type Answer, type AnswerContext, type AskOptions, type Source } from './answer.js';
import type { ModelCalibration } from './calibration.js';
import type { Decision, RankingOptions } from './knobs.js';

export interface PassageContext {
  /** The paragraph(s) around the passage, verbatim. */
  text: string;
  source: Source;
}

export class Engine {
  private constructor(private readonly ctx: AnswerContext) {}

  /**
   * Vectors are only used when the loaded model is the one that made them; otherwise the engine
   * answers with the lexical retrievers alone.
   */
  static create(
    index: StoredIndex,
    embedder: Embedder | null,
    calibrationFor: (model: string | null) => ModelCalibration,
    ranking: RankingOptions,
    lexicon: Lexicon,
  ): Engine {
    const v = index.manifest.vectors;
    const usable = embedder !== null && v !== null && index.vectors !== null && v.model === embedder.info.model && v.dim === embedder.info.dim && v.quantized === embedder.info.quantized;
    const calibration = calibrationFor(usable ? embedder.info.model : null);
    return new Engine({
      chunks: index.chunks,
      articles: index.articles,
      lexical: index.lexical,
      bigrams: index.bigrams,
      homophones: new HomophoneFinder(() => index.lexical.vocabulary()),
      vocabulary: { df: (t) => index.lexical.df(t), terms: () => index.lexical.vocabulary() },
      lexicon,
      vectors: usable ? index.vectors : null,
      embedder: usable ? embedder : null,
      thresholds: { minDense: calibration.minDense },
      ranking: { ...ranking, ...(calibration.decision ? { decision: calibration.decision } : {}), ...(calibration.decisionEnglish ? { decisionEnglish: calibration.decisionEnglish } : {}) },
    });
  }

  /** The same engine with another answer decision (calibration). */
  withDecision(decision: Decision): Engine {
    return new Engine({ ...this.ctx, ranking: { ...this.ctx.ranking, decision } });
  }

  /** The same engine with other knobs (evaluation sweeps). */
  withRanking(ranking: RankingOptions): Engine {
    return new Engine({ ...this.ctx, ranking });
  }

  get ranking(): RankingOptions {
    return this.ctx.ranking;
  }

  /** What calibration needs: the context the answer pipeline runs on. */
  get answerContext(): AnswerContext {
    return this.ctx;
  }

  get mode(): 'hybrid' | 'lexical' {
    return this.ctx.vectors ? 'hybrid' : 'lexical';
  }

  get model(): string | null {
    return this.ctx.embedder?.info.model ?? null;
  }

  get multilingual(): boolean {
    return this.ctx.embedder?.profile.multilingual ?? false;
  }

  ask(question: string, opts: AskOptions): Promise<Answer> {
    return answerQuestion(question, this.ctx, opts);
  }

  /** The whole paragraph(s) a passage comes from, for "full context". */
  context(chunkId: number, maxChars = 3500): PassageContext | undefined {
    const chunk = this.ctx.chunks.get(chunkId);
    const article = chunk && this.ctx.articles.get(chunk.file);
    if (!chunk || !article) return undefined;
    // (A headline with its deck is all headings: its context is itself.)
    const inside = article.blocks.filter((b) => b.kind !== 'heading' && b.end > chunk.start && b.start < chunk.end);
    const blocks = inside.length ? inside : [chunk];
    const start = Math.min(...blocks.map((b) => b.start));
    const end = Math.max(...blocks.map((b) => b.end));
    let text = article.text.slice(start, end);
    if (text.length > maxChars) {
      // Keep the passage itself in view when the paragraphs are very long.
      const from = Math.max(start, Math.min(chunk.start, end - maxChars));
      text = article.text.slice(from, from + maxChars);
    }
    return { text, source: sourceOf(article, chunk) };
  }

  /** The articles in the coverage, newest first. */
  sources(): ArticleMeta[] {
    return [...this.ctx.articles.values()].map((a) => a.meta).sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
  }

  get chunkCount(): number {
    return this.ctx.chunks.size;
  }
}
