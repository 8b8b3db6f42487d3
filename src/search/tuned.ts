// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-0.7184,3.1528,-2.3697,-2.7279,-1.9022,-1.6295,-1.5326,-1.3841,-2.6263],
  notCovered: 0.0328,
  caveat: 0.8782,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6214,2.5767,-2.486,0,0,0,0,0.4803,-1.3153],
  notCovered: 0,
  caveat: 1,
};
