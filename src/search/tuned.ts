// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.201,3.9428,-1.1244,-0.9895,0.3253,-0.7953,-0.7472,-0.5432,-0.1388,-1.7414],
  notCovered: 0.0177,
  caveat: 0.1272,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.9547,3.2778,-2.0012,-0.0807,0,0,0.2779,0.1931,-1.3126,0],
  notCovered: 0.1589,
  caveat: 0.6505,
};
