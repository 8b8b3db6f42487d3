// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.3164,3.6679,-1.265,-0.4674,0.0637,-0.8743,-1.8166,-1.0312,-3.1783],
  notCovered: 0.1274,
  caveat: 0.8807,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.4328,3.6024,-1.6905,0,0,0,0,0.6741,-1.2155],
  notCovered: 0,
  caveat: 1,
};
