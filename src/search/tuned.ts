// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.4,3.3999,-1.2071,-1.2721,1.0198,-0.8538,-1.637,-0.4688,-0.3713,-2.6014],
  notCovered: 0.0643,
  caveat: 0.4216,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.988,3.2173,-1.3692,0,0,0,-0.5912,0.3362,-0.9842,0],
  notCovered: 0,
  caveat: 1,
};
