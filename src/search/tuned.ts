// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.7003,3.7536,-1.0371,-0.697,1.1111,-1.0618,-1.3962,-0.7055,-2.7288],
  notCovered: 0.1451,
  caveat: 0.8044,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.6704,3.6335,-0.3887,0,0,0,0,0.7985,0.5567],
  notCovered: 0,
  caveat: 1,
};
