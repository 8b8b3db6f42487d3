// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.5023,3.7824,-1.1539,-0.6095,-0.2715,-0.9314,-1.3825,-1.0679,-3.3972],
  notCovered: 0.1583,
  caveat: 0.8722,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.3579,3.4791,-1.6895,0,0,0,0,0.6489,-0.996],
  notCovered: 0,
  caveat: 1,
};
