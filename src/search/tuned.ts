// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.9605,3.8299,-1.6389,-0.9292,1.3566,-1.1579,-0.923,-0.7501,-0.4248,-3.1251],
  notCovered: 0.0137,
  caveat: 0.6637,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.685,3.7398,-1.6287,0,0,0,0,0.8527,-0.1658,0],
  notCovered: 0,
  caveat: 1,
};
