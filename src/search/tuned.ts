// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1213,3.9536,-0.9316,-0.8992,0.5155,-0.6012,-1.0748,-0.5814,-0.3483,-1.5377],
  notCovered: 0.0622,
  caveat: 0.0718,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.5491,3.7338,-0.3064,0,0,0,-0.4455,0.7026,-0.7154,0],
  notCovered: 0.1895,
  caveat: 1,
};
