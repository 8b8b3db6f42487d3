// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6926,3.74,-1.0413,-0.6831,1.1314,-1.062,-1.4379,-0.6982,-2.7053],
  notCovered: 0.1394,
  caveat: 0.8038,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.6704,3.6335,-0.3887,0,0,0,0,0.7985,0.5567],
  notCovered: 0,
  caveat: 1,
};
