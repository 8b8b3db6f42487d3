// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.7848,3.5751,-1.7276,-0.7392,1.1569,-1.1076,-1.3477,-0.1962,-0.1625,-2.3805],
  notCovered: 0.0533,
  caveat: 0.5296,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-3.0011,4.2274,-1.5773,0,0,0,0,0.8154,-0.2103,0],
  notCovered: 0,
  caveat: 1,
};
