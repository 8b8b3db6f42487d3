// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.7281,3.359,-1.5981,-0.7141,1.168,-1.0313,-1.2144,-0.4365,-0.0972,-2.1866],
  notCovered: 0.0474,
  caveat: 0.5532,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-3.0011,4.2274,-1.5773,0,0,0,0,0.8154,-0.2103,0],
  notCovered: 0,
  caveat: 1,
};
