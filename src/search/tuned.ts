// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.306,4.1218,-1.1369,-0.4653,0.9675,-1.0504,-1.0419,-0.2973,-0.1917,-1.3323],
  notCovered: 0.0216,
  caveat: 0.3113,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.0831,3.2666,-2.0438,0,0,0,-0.4753,0.421,-0.37,0],
  notCovered: 0.2275,
  caveat: 0.7223,
};
