// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.9968,3.8353,-0.8967,-0.6325,0.4255,-0.5104,-1.2239,-0.6126,-0.2556,-1.5814],
  notCovered: 0.0854,
  caveat: 0.0854,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.8916,3.1946,-0.9996,0,0,0,-0.5239,0.159,-0.3866,0],
  notCovered: 0.2016,
  caveat: 0.6358,
};
