// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.3488,4.1861,-0.9197,-0.7366,1.0113,-1.059,-0.99,-0.338,-0.3046,-1.4037],
  notCovered: 0.0219,
  caveat: 0.3055,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.7343,2.6931,-2.1268,0,0,0,-0.4985,0.3688,-0.3922,0],
  notCovered: 0.2299,
  caveat: 0.2299,
};
