// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-0.5278,2.9347,-2.3426,-2.602,-1.7533,-1.5518,-1.4014,-1.4439,-2.1973],
  notCovered: 0.0425,
  caveat: 0.864,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6214,2.5767,-2.486,0,0,0,0,0.4803,-1.3153],
  notCovered: 0.3295,
  caveat: 1,
};
