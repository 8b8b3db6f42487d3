// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.3858,3.0917,-2.4033,-2.6097,-1.5869,-1.5637,-1.3837,-1.3902,1.7437],
  notCovered: 0.065,
  caveat: 0.8656,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.9367,2.5767,-2.486,0,0,0,0,0.4803,1.3153],
  notCovered: 0.3295,
  caveat: 1,
};
