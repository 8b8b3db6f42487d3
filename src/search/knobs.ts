// Every ranking and decision knob in one place. The values marked "tuned" were chosen on the tune split
// of the blind question sets (`npm run eval -- --calibrate` fits the decision; the rest by the sweep noted
// beside each), never on held-out questions.
import type { RetrieveOptions } from './retrieve.js';
import type { SupportKnobs } from './support.js';
import { TUNED_DECISION, TUNED_DECISION_ENGLISH } from './tuned.js';

/** The answer decision: a logistic model over the top passage's signals, and two cut-offs on its output. */
export interface Decision {
  /** Weights of the features named in FEATURES (decide.ts), bias first. */
  weights: number[];
  /** Below this confidence: "not covered". */
  notCovered: number;
  /** Below this (and at or above notCovered): answered with a "possibly relevant" caveat. */
  caveat: number;
}

export interface RankingOptions {
  retrieve: RetrieveOptions;
  support: SupportKnobs;
  /**
   * Weights of fused retrieval rank, best-sentence coverage, passage coverage, bigram coverage, and of
   * holding an answer of the asked type (a date for "when"; only when the question asks for one), and of
   * being a caption when the question asks about a photo (tuned: the tune split, now with more caption
   * questions, gains from 0.2 and is flat up to 0.5; the middle of that plateau ships); and, taken off,
   * of being a caption when the question is not about a photo (short, and full of the topic's words, a
   * caption outranks the paragraph that tells the fact: tuned, tune hit@1 +1 question from 0.03 to 0.2,
   * −2 at 0.5; 0.1 ships — one unanswerable tune question, declined before because a caption without an
   * answer came first, is now a caveat).
   */
  weights: { fused: number; sentence: number; passage: number; bigrams: number; type: number; caption: number; otherCaption: number };
  /** Score taken off per result already shown from the same article (prefer several sources). */
  sameArticlePenalty: number;
  /** Two passages more alike than this (character-bigram Jaccard) are one passage. */
  duplicateSimilarity: number;
  quoteMaxChars: number;
  /**
   * A first passage contradicting the question declines it unless another of the first passages, free of
   * contradiction, scores within this of it (then it is only a low confidence). Not tuned.
   */
  rivalMargin: number;
  /** Passages of the ranked list that are judged in detail (the rest keep their retrieval order). */
  rerankDepth: number;
  decision: Decision;
  /** English questions matched through translated keywords: the same signals, fitted on English tune questions. */
  decisionEnglish: Decision;
}

export const DEFAULT_RANKING: RankingOptions = {
  retrieve: { depth: 30, lexicalWeight: 1, bigramWeight: 2.5, denseWeight: 1, rrfK: 10 },
  support: { contextCredit: 0.7, partsCredit: 0.4, focusBonus: 0.15, typeBonus: 0.2, gapGain: 1, keyIdf: 6.5, nameFactor: 0.3, predicateFactor: 1.5, sceneFactor: 0.4, introFactor: 0.7, settingFactor: 0.3 },
  weights: { fused: 0.5, sentence: 0.3, passage: 0.1, bigrams: 0.2, type: 0.1, caption: 0.3, otherCaption: 0.1 },
  sameArticlePenalty: 0.05,
  duplicateSimilarity: 0.5,
  quoteMaxChars: 500,
  rerankDepth: 30,
  rivalMargin: 0.1,
  decision: TUNED_DECISION,
  decisionEnglish: TUNED_DECISION_ENGLISH,
};
