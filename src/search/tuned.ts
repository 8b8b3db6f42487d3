// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.0758,3.8388,-0.7237,-0.9349,0.3055,-0.6352,-0.7774,-0.8829,-0.9068,-1.6035],
  notCovered: 0.0109,
  caveat: 0.1144,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.4767,4.0428,-1.784,-0.2131,-0.1881,-0.5774,-0.203,0.3552,-1.7582,0],
  notCovered: 0.1238,
  caveat: 0.657,
};
