// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.175,3.9494,-0.8278,-0.9376,0.378,-0.7154,-0.8746,-0.6326,-0.6008,-1.4654],
  notCovered: 0.0187,
  caveat: 0.1384,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.1419,3.5988,-1.8047,-0.288,0,0,-0.0425,0.1728,-1.3999,0],
  notCovered: 0.1688,
  caveat: 0.6571,
};
