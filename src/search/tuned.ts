// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.956,3.7363,-0.9679,-0.9366,0.5577,-0.5537,-1.0785,-0.6714,-0.4665,-1.442],
  notCovered: 0.0647,
  caveat: 0.0735,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.4758,3.6819,-0.2643,0,0,0,-0.4434,0.6323,-0.6887,0],
  notCovered: 0.1836,
  caveat: 1,
};
