// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.5358,3.7621,-1.0933,-0.6143,0.2434,-0.9642,-1.4397,-0.6684,-3.4268],
  notCovered: 0.1609,
  caveat: 0.866,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.3579,3.4791,-1.6895,0,0,0,0,0.6489,-0.996],
  notCovered: 0,
  caveat: 1,
};
