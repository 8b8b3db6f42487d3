// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1081,3.921,-0.9457,-0.7149,1.0164,-0.9777,-1.018,-0.4172,-0.2728,-1.7458],
  notCovered: 0.0153,
  caveat: 0.312,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.7732,2.7911,-2.2131,0,0,0,0.0035,0.3758,-0.3741,0],
  notCovered: 0.2105,
  caveat: 0.6859,
};
