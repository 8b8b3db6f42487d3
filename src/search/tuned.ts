// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.3362,3.0286,-2.3714,-2.6106,-1.5942,-1.5643,-1.4661,-1.4159,1.7538],
  notCovered: 0.0651,
  caveat: 0.8666,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.9367,2.5767,-2.486,0,0,0,0,0.4803,1.3153],
  notCovered: 0.3295,
  caveat: 1,
};
