// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.8286,3.5734,-0.962,-0.9766,0.4679,-0.5821,-1.1257,-0.8033,-0.4889,-1.3603],
  notCovered: 0.06,
  caveat: 0.0658,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.4731,3.6773,-0.2477,0,0,0,-0.4428,0.6285,-0.6722,0],
  notCovered: 0.1808,
  caveat: 1,
};
