// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.8386,3.6602,-0.753,-1.0301,0.3763,-0.6432,-1.216,-0.8731,-0.6035,-1.6175],
  notCovered: 0.0468,
  caveat: 0.284,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.3761,3.4575,-0.1561,0,0,0,-0.5064,0.6629,-0.8765,0],
  notCovered: 0.1766,
  caveat: 1,
};
