// Rank first, then decide. The decision looks at the best passage only after ranking, and never deletes
// a passage the retriever found: it turns the passage's signals into a confidence (a logistic model fitted
// on the tune split) and cuts it twice — answered, answered with a caveat, or not covered.
import type { AnswerStatus } from './answer.js';
import type { Decision } from './knobs.js';
import type { Judgement, WordStats } from './support.js';

/** The features, in the order of `Decision.weights` (after the bias). */
export const FEATURES = [
  'passage', // weighted share of the question's words in the passage (its headings count less)
  'numberMissing', // the question's number or year is not there
  'opposite', // the passage says the opposite (出口 for 进口)
  'postMismatch', // another post, or only a modified one (副书记 for 书记)
  'periodConflict', // another period (一季度 for 二季度)
  'focusMissing', // the word the question asks about is not there
  'nameMissing', // a name the question gives is not there
  'typeMissing', // a date, figure or person was asked for and none is there
  'measureMissing', // a count in a measure word was asked (多少辆) and none is counted in it
] as const;

export interface DecisionInput {
  judgement: Judgement;
  /** Fused retrieval score as a share of the best possible (first in every retriever). */
  retrieval: number;
}

/** Few, strong, general signals: a small model over them carries over to questions never seen. */
export function features(input: DecisionInput, _words: WordStats[]): number[] {
  const j = input.judgement;
  const b = (x: boolean) => (x ? 1 : 0);
  return [
    j.passage,
    b(j.numberMissing),
    b(j.opposite),
    b(j.postMismatch),
    b(j.periodConflict),
    b(j.focusMissing),
    b(j.nameMissing),
    b(!j.typeOk),
    b(j.measureMissing),
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
