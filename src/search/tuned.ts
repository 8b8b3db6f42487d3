// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6799,3.6626,-1.2058,-1.2358,1.0553,-0.8235,-1.6226,-0.3691,-0.4942,-2.0943],
  notCovered: 0.0585,
  caveat: 0.4168,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.988,3.2173,-1.3692,0,0,0,-0.5912,0.3362,-0.9842,0],
  notCovered: 0,
  caveat: 1,
};
