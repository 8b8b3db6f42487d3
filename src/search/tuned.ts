// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6998,3.7459,-1.0463,-0.7445,1.0936,-1.106,-1.3445,-0.7833,-2.803],
  notCovered: 0.1516,
  caveat: 0.5405,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.6704,3.6335,-0.3887,0,0,0,0,0.7985,0.5567],
  notCovered: 0,
  caveat: 1,
};
