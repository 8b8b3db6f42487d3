// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.095,3.8753,-1.0859,-0.9639,0.3871,-0.753,-0.8791,-0.6073,-0.1893,-1.6976],
  notCovered: 0.0164,
  caveat: 0.1098,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.0673,3.4269,-1.9315,-0.0778,0,0,0.2717,0.2249,-1.2625,0],
  notCovered: 0.1706,
  caveat: 0.6455,
};
