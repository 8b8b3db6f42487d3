// Retrieval, answer-sentence and abstention metrics over a question set.
import { answerable, type EvalItem } from './dataset.js';

export interface Outcome {
  item: EvalItem;
  /** Rank (1-based) of the first hit among the returned passages, or 0. */
  hitRank: number;
  /** The first passage is a hit and its bold sentence holds an evidence string (undefined: no bold, e.g. a baseline). */
  boldOk?: boolean | undefined;
  answered: boolean;
  /** answered | caveat | not-covered | empty (the pipeline's three outcomes; baselines always "answered"). */
  status?: string | undefined;
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
  /** Of the answerable questions whose first passage is a hit: share whose bold sentence holds the answer. */
  bold: number;
  /** Answerable questions declined ("not covered"), as a share of the answerable ones. */
  declined: number;
  /** "Not covered" as the positive class: precision and recall. */
  ncPrecision: number;
  ncRecall: number;
  unanswerable: number;
  /** Unanswerable questions not answered with confidence: declined, or shown only as "possibly relevant". */
  unconfident: number;
  medianMs: number;
  p95Ms: number;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function metrics(outcomes: Outcome[]): Metrics {
  const ans = outcomes.filter((o) => answerable(o.item));
  const unanswerable = outcomes.filter((o) => !answerable(o.item));
  // "Not covered" is a claim about the coverage; declining for want of a multilingual model is not one.
  const judged = outcomes.filter((o) => o.reason !== 'needs-model');
  const predictedNc = judged.filter((o) => !o.answered);
  const trueNc = predictedNc.filter((o) => !answerable(o.item));
  const firstRight = ans.filter((o) => o.hitRank === 1 && o.boldOk !== undefined);
  return {
    n: outcomes.length,
    answerable: ans.length,
    hit1: ratio(ans.filter((o) => o.hitRank === 1).length, ans.length),
    hit5: ratio(ans.filter((o) => o.hitRank >= 1 && o.hitRank <= 5).length, ans.length),
    mrr: ratio(ans.reduce((s, o) => s + (o.hitRank ? 1 / o.hitRank : 0), 0), ans.length),
    bold: ratio(firstRight.filter((o) => o.boldOk).length, firstRight.length),
    declined: ratio(ans.filter((o) => !o.answered).length, ans.length),
    ncPrecision: ratio(trueNc.length, predictedNc.length),
    ncRecall: ratio(trueNc.length, judged.filter((o) => !answerable(o.item)).length),
    unanswerable: unanswerable.length,
    unconfident: ratio(unanswerable.filter((o) => o.status !== undefined && o.status !== 'answered').length, unanswerable.length),
    medianMs: median(outcomes.map((o) => o.ms)),
    p95Ms: quantile(outcomes.map((o) => o.ms), 0.95),
  };
}
