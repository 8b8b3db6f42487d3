// Retrieval and abstention metrics over a question set.
import type { EvalItem } from './dataset.js';

export interface Outcome {
  item: EvalItem;
  /** Rank (1-based) of the first hit among the returned passages, or 0. */
  hitRank: number;
  answered: boolean;
  /** Why it was not answered, when it was not ("needs-model" is not a "not covered" claim). */
  reason?: string | undefined;
  ms: number;
}

export interface Metrics {
  n: number;
  answerable: number;
  hit1: number;
  hit5: number;
  mrr: number;
  /** "Not covered" as the positive class: precision and recall over all questions. */
  ncPrecision: number;
  ncRecall: number;
  unanswerable: number;
  medianMs: number;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function metrics(outcomes: Outcome[]): Metrics {
  const answerable = outcomes.filter((o) => o.item.kind !== 'unanswerable');
  const unanswerable = outcomes.filter((o) => o.item.kind === 'unanswerable');
  // "Not covered" is a claim about the coverage; declining for want of a multilingual model is not one.
  const judged = outcomes.filter((o) => o.reason !== 'needs-model');
  const predictedNc = judged.filter((o) => !o.answered);
  const trueNc = predictedNc.filter((o) => o.item.kind === 'unanswerable');
  return {
    n: outcomes.length,
    answerable: answerable.length,
    hit1: ratio(answerable.filter((o) => o.hitRank === 1).length, answerable.length),
    hit5: ratio(answerable.filter((o) => o.hitRank >= 1 && o.hitRank <= 5).length, answerable.length),
    mrr: ratio(answerable.reduce((s, o) => s + (o.hitRank ? 1 / o.hitRank : 0), 0), answerable.length),
    ncPrecision: ratio(trueNc.length, predictedNc.length),
    ncRecall: ratio(trueNc.length, judged.filter((o) => o.item.kind === 'unanswerable').length),
    unanswerable: unanswerable.length,
    medianMs: median(outcomes.map((o) => o.ms)),
  };
}
