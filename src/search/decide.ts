// Rank first, then decide. The decision looks at the best passage only after ranking, and never deletes
// a passage the retriever found: it turns the passage's signals into a confidence (a logistic model fitted
// on the tune split) and cuts it twice — answered, answered with a caveat, or not covered.
import type { AnswerStatus } from './answer.js';
import type { Decision } from './knobs.js';
import type { Judgement, WordStats } from './support.js';

/** The features, in the order of `Decision.weights` (after the bias). */
export const FEATURES = [
  'coverage', // weighted share of question words in the best sentence (context counted less)
  'passage', // the same over the whole passage
  'bigrams', // share of question content bigrams in the passage and headings
  'missingShare', // weighted share of key words missing around the best sentence
  'numberMissing', // the question's number or year is not there
  'opposite', // the passage says the opposite
  'postMismatch', // another post, or only a modified one (副书记 for 书记)
  'periodConflict', // another period (一季度 for 二季度)
  'focusMissing', // the word the question asks about is not there
  'nameMissing', // a name the question gives is not there
  'typeOk', // an answer of the asked type is there
  'unknownShare', // weighted share of question words the whole coverage never uses
  'retrieval', // how strongly the retrievers agree on this passage (its fused score / the best possible)
] as const;

export interface DecisionInput {
  judgement: Judgement;
  /** Fused retrieval score as a share of the best possible (first in every retriever). */
  retrieval: number;
}

export function unknownShare(words: WordStats[]): number {
  const total = words.reduce((s, w) => s + w.weight, 0);
  return total === 0 ? 0 : words.filter((w) => w.df === 0).reduce((s, w) => s + w.weight, 0) / total;
}

export function features(input: DecisionInput, words: WordStats[]): number[] {
  const j = input.judgement;
  const b = (x: boolean) => (x ? 1 : 0);
  return [
    j.best.coverage,
    j.passage,
    j.bigrams,
    j.missingShare,
    b(j.numberMissing),
    b(j.opposite),
    b(j.postMismatch),
    b(j.periodConflict),
    b(j.focusMissing),
    b(j.nameMissing),
    b(j.typeOk),
    unknownShare(words),
    input.retrieval,
  ];
}

export function confidenceOf(x: number[], weights: number[]): number {
  let z = weights[0] ?? 0;
  x.forEach((v, i) => (z += (weights[i + 1] ?? 0) * v));
  return 1 / (1 + Math.exp(-z));
}

export function statusOf(confidence: number, d: Decision): AnswerStatus {
  if (confidence < d.notCovered) return 'not-covered';
  return confidence < d.caveat ? 'caveat' : 'answered';
}
