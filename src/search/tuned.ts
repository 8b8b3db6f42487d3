// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6013,3.3278,-1.2246,-1.1177,0.3983,-0.7316,-1.4294,-0.7654,-0.4424,-1.9413],
  notCovered: 0.0403,
  caveat: 0.2177,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.2947,3.4912,-0.5461,0,0,0,-0.52,0.5361,-0.8873,0],
  notCovered: 0,
  caveat: 1,
};
