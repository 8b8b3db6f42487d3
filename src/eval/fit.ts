// Fitting the answer decision on the tune split (`npm run eval -- --calibrate`). The pipeline ranks each
// tune question as it would answer it; the best passage's signals (decide.ts FEATURES) and whether the
// question is answerable are the training data of a small logistic model (L2-regularised, plain batch
// gradient descent: deterministic, no dependency). The two cut-offs are then chosen on out-of-fold
// confidences (5-fold cross-validation within tune: each question scored by a model fitted without it —
// in-sample scores are optimistic and put the cut where new questions get declined): "not covered" where
// its precision stays ≥ 0.9 at 95% confidence (the Wilson lower bound) and the share of answerable
// questions declined stays ≤ 3% at 95% confidence (declined + 3 over the answerable count: the rule of
// three — with ~130 answerable tune questions, none may be declined; a point estimate over so few
// questions put the cut where held-out ones were), with the most recall, set halfway to the nearest
// confidence it keeps; "caveat" below the confidence from which ≥ 95% of the answers are right, and at
// least above the answers whose chance of being right, calibrated by isotonic regression, is under 80% (one
// in five or more to a question the coverage does not answer). (0.97 was asked for before; out of fold no
// cut reaches it except above the very first few, and a cut-off above all but a handful of confidences
// caveats every answer. The first rule alone put the Chinese caveat at the "not covered" cut: with 95% of
// the questions that reach the model answerable, every cut passes it, and no Chinese answer was caveated.)
import { evidenceAgainst, questionParts, understand } from '../search/answer.js';
import { FEATURES, features } from '../search/decide.js';
import type { Engine } from '../search/engine.js';
import type { Decision } from '../search/knobs.js';
import { rank } from '../search/rank.js';
import { answerable, isBlind, isHit, type EvalItem } from './dataset.js';
import { fnv1a32 } from './split.js';
import { DECISION_DEPTH } from '../search/answer.js';

export interface Example {
  x: number[];
  y: 0 | 1;
  id: string;
}

/**
 * The examples the decision is fitted on, per tune question the pipeline ranks by its words: the passages
 * among the first DECISION_DEPTH that hold the evidence (answers, y = 1), or all of them when the question
 * is unanswerable (y = 0). The model so learns "does this passage answer", and the pipeline asks it of its
 * first few passages.
 */
export interface QuestionExample {
  id: string;
  y: 0 | 1;
  blind: boolean;
  /** Per part of the question, the features of its first passages. */
  parts: number[][][];
}

export async function examples(engine: Engine, items: EvalItem[]): Promise<{ passages: Example[]; questions: QuestionExample[] }> {
  const ctx = engine.answerContext;
  const passages: Example[] = [];
  const questions: QuestionExample[] = [];
  for (const item of items) {
    const whole = understand(item.question, ctx);
    if ((whole.q.foreign && !whole.translated) || whole.q.words.length === 0) continue;
    const y = answerable(item) ? 1 : 0;
    // As the pipeline does: a question of several parts is judged part by part.
    const parts = whole.q.foreign ? [item.question] : questionParts(item.question);
    const xsPerPart: number[][][] = [];
    const partPassages: Example[] = [];
    let byRule = false;
    for (const part of parts) {
      const u = part === item.question ? whole : understand(part, ctx);
      const { words } = u;
      const top = (await rank(u.q, words, ctx)).slice(0, DECISION_DEPTH);
      // Declined on evidence (an absent name, a contradiction): not the model's to learn.
      if (evidenceAgainst(u, top, ctx).declined) byRule = true;
      const xs = top.map((s) => features({ judgement: s.judgement, retrieval: s.retrieval }, words));
      xsPerPart.push(xs);
      top.forEach((s, i) => {
        if (y === 0 || isHit(item, { text: s.chunk.text, file: s.chunk.file })) partPassages.push({ id: `${item.id}#${i}`, y, x: xs[i]! });
      });
    }
    if (byRule) continue;
    passages.push(...partPassages);
    if (xsPerPart.every((xs) => xs.length > 0)) questions.push({ id: item.id, y, blind: isBlind(item), parts: xsPerPart });
  }
  return { passages, questions };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function predict(w: number[], x: number[]): number {
  return sigmoid(x.reduce((z, v, i) => z + w[i + 1]! * v, w[0]!));
}

/** Logistic regression: weights (bias first) minimising log-loss + l2·|w|² (bias not penalised). */
export function fitLogistic(data: Example[], l2 = 0.001, steps = 20000, rate = 1): number[] {
  const d = data[0]?.x.length ?? 0;
  const w = new Array<number>(d + 1).fill(0);
  // Balance the classes so the cut-offs, not the class ratio of the tune set, decide.
  const pos = data.filter((e) => e.y === 1).length;
  const weightOf = (e: Example) => (e.y === 1 ? data.length / (2 * pos) : data.length / (2 * (data.length - pos)));
  for (let step = 0; step < steps; step++) {
    const grad = new Array<number>(d + 1).fill(0);
    for (const e of data) {
      const err = (predict(w, e.x) - e.y) * weightOf(e);
      grad[0]! += err;
      e.x.forEach((v, i) => (grad[i + 1]! += err * v));
    }
    for (let i = 0; i <= d; i++) w[i]! -= rate * (grad[i]! / data.length + (i > 0 ? 2 * l2 * w[i]! : 0));
  }
  return w.map((v) => Number(v.toFixed(4)));
}

export interface CutOffs {
  notCovered: number;
  caveat: number;
}

/**
 * Isotonic regression of 0/1 outcomes in order of confidence (pool adjacent violators): the non-decreasing
 * sequence closest to them, each value the share of ones in its pooled block.
 */
export function isotonic(ys: readonly number[]): number[] {
  const blocks: { sum: number; n: number }[] = [];
  for (const y of ys) {
    blocks.push({ sum: y, n: 1 });
    while (blocks.length > 1 && blocks.at(-2)!.sum / blocks.at(-2)!.n > blocks.at(-1)!.sum / blocks.at(-1)!.n) {
      const top = blocks.pop()!;
      blocks.at(-1)!.sum += top.sum;
      blocks.at(-1)!.n += top.n;
    }
  }
  return blocks.flatMap((b) => Array<number>(b.n).fill(b.sum / b.n));
}

/** The lower bound of a proportion's one-sided 95% Wilson score interval (k successes of n). */
export function wilsonLower(k: number, n: number, z = 1.645): number {
  if (n === 0) return 0;
  const p = k / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/** The fewest answers a doubtful band of confidences is judged on. */
const MIN_BAND = 10;

/** Chooses the two cut-offs on scored examples (see the header comment). */
export function chooseCutOffs(scored: { p: number; y: 0 | 1 }[], maxDeclined = 0.03, minPrecision = 0.9, answeredPrecision = 0.95, doubtfulShare = 0.8): CutOffs {
  const answerableCount = scored.filter((s) => s.y === 1).length;
  const unanswerable = scored.length - answerableCount;
  const cuts = [...new Set(scored.map((s) => s.p))].sort((a, b) => a - b);
  let best = { t: 0, recall: -1 };
  for (const t of cuts) {
    const declined = scored.filter((s) => s.p < t);
    const trueNc = declined.filter((s) => s.y === 0).length;
    const declinedAnswerable = declined.length - trueNc;
    // The lower 95% bound of the precision, not the point estimate: five right declines out of five
    // show little (on tune parts asked with code that had never seen them, a cut-off that was right on
    // every out-of-fold tune decline declined 7 answerable questions for 5 unanswerable ones).
    const precision = declined.length ? wilsonLower(trueNc, declined.length) : 1;
    const recall = unanswerable ? trueNc / unanswerable : 0;
    // Upper 95% bound of the decline rate (rule of three), not the point estimate.
    if ((declinedAnswerable + 3) / Math.max(1, answerableCount) <= maxDeclined && precision >= minPrecision && recall > best.recall) best = { t, recall };
  }
  // The cut stands halfway between the last confidence it declines and the first it keeps, not right at
  // the latter: questions never seen spread around those of tune, and a cut touching an answerable
  // confidence declines the next one just below it.
  const below = cuts.filter((p) => p < best.t).at(-1);
  if (below !== undefined) best.t = (below + best.t) / 2;
  // Caveat: the lowest confidence from which answered questions are answerable at least this often
  // (over all questions above it: one unanswerable question among the very first must not stop the walk).
  // Where no cut-off reaches that (ten answers above it at least), this rule sets none: it would caveat
  // every answer, which tells the reader nothing.
  let caveat = best.t;
  for (const t of [...cuts].reverse()) {
    const above = scored.filter((s) => s.p >= t);
    if (above.length >= MIN_BAND && above.filter((s) => s.y === 1).length / above.length >= answeredPrecision) caveat = t;
  }
  // …and at least above the answers that are doubtful: those whose chance of being to an answerable
  // question, estimated by isotonic regression over the answered ones (a calibration that only assumes a
  // higher confidence is no worse), is under `doubtfulShare` — when ten answers at least are so.
  const answered = scored.filter((s) => s.p >= best.t).sort((a, b) => a.p - b.p);
  const chance = isotonic(answered.map((s) => s.y));
  const last = chance.findLastIndex((c) => c < doubtfulShare);
  const doubtful = last + 1 >= MIN_BAND ? (answered[last + 1]?.p ?? 1) : best.t;
  return { notCovered: best.t, caveat: Math.max(best.t, caveat, doubtful) };
}

/** Folds of the cross-validation that chooses the cut-offs. */
const FOLDS = 5;

export async function fitDecision(engine: Engine, tune: EvalItem[], say: (line: string) => void): Promise<Decision> {
  const { passages, questions } = await examples(engine, tune);
  if (passages.length < 10 || passages.every((e) => e.y === passages[0]!.y)) throw new Error(`too few tune questions to fit a decision (${questions.length})`);
  // A question's confidence is that of its best-supported passage, as the pipeline computes it.
  const confidence = (w: number[], q: QuestionExample) => q.parts.reduce((sum, xs) => sum + Math.max(...xs.map((x) => predict(w, x))), 0) / q.parts.length;
  const fold = (id: string) => fnv1a32(`coverage-bot/fold/v1:${id.split('#')[0]}`) % FOLDS;
  const scored: { p: number; y: 0 | 1 }[] = [];
  const foldWeights: number[][] = [];
  for (let f = 0; f < FOLDS; f++) {
    const w = fitLogistic(passages.filter((e) => fold(e.id) !== f));
    foldWeights.push(w);
    for (const q of questions.filter((q) => fold(q.id) === f)) scored.push({ p: confidence(w, q), y: q.y });
  }
  // What ships is the average of the fold models: the cut-offs were chosen on their confidences, and a
  // model fitted on all of tune gives confidences of another scale (a caveat cut-off above its highest).
  const weights = foldWeights[0]!.map((_, i) => Number((foldWeights.reduce((s, w) => s + w[i]!, 0) / FOLDS).toFixed(4)));
  const cut = chooseCutOffs(scored);
  say(`cut-offs chosen on ${questions.length} tune questions (${questions.filter((q) => q.blind).length} blind), out of fold`);
  say(`fitted on ${questions.length} tune questions (${questions.filter((e) => e.y === 0).length} unanswerable), ${passages.length} passages:`);
  say(`  bias ${weights[0]}; ` + FEATURES.map((f, i) => `${f} ${weights[i + 1]}`).join(', '));
  say(`  not covered below ${cut.notCovered.toFixed(3)}, caveat below ${cut.caveat.toFixed(3)}`);
  const declined = scored.filter((s) => s.p < cut.notCovered);
  const unanswerable = scored.filter((s) => s.y === 0).length;
  say(
    `  out of fold, by the model alone: ${declined.filter((s) => s.y === 0).length} of ${unanswerable} unanswerable and ` +
      `${declined.filter((s) => s.y === 1).length} of ${scored.length - unanswerable} answerable declined (the rest of tune was declined on evidence)`,
  );
  return { weights, notCovered: Number(cut.notCovered.toFixed(4)), caveat: Number(cut.caveat.toFixed(4)) };
}
