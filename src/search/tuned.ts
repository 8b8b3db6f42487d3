// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.5833,3.5822,-1.2126,-1.2785,1.0577,-0.8616,-1.6756,-0.4571,-0.1706,-2.2159],
  notCovered: 0.0903,
  caveat: 0.3987,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.988,3.2173,-1.3692,0,0,0,-0.5912,0.3362,-0.9842,0],
  notCovered: 0,
  caveat: 1,
};
