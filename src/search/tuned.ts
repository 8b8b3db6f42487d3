// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6933,3.4723,-1.1406,-1.2878,1.025,-0.7883,-1.1497,-0.3884,-0.339,-2.3897],
  notCovered: 0.0614,
  caveat: 0.4949,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.0799,3.3855,-1.5225,0,0,0,-0.6816,0.3979,-0.9365,0],
  notCovered: 0,
  caveat: 1,
};
