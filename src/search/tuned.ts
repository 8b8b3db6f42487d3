// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.0309,3.8195,-0.9262,-0.8728,0.5113,-0.8652,-1.2148,-0.4164,-0.1319,-1.6796],
  notCovered: 0.014,
  caveat: 0.1702,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.8949,2.9274,-2.1163,0,0,0,0.3206,0.4227,-0.2155,0],
  notCovered: 0.3134,
  caveat: 0.3134,
};
