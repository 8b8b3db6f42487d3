// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.13,3.9281,-0.7225,-0.7327,0.719,-0.8912,-1.1226,-0.3119,-0.1159,-1.7093],
  notCovered: 0.0156,
  caveat: 0.1931,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.8741,2.9014,-2.1776,0,0,0,0.3503,0.4063,-0.2227,0],
  notCovered: 0.2623,
  caveat: 0.7035,
};
