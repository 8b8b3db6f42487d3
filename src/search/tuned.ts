// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6312,3.6014,-1.2302,-1.2416,1.0389,-0.8368,-1.6045,-0.3414,-0.5027,-2.1072],
  notCovered: 0.062,
  caveat: 0.4001,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.988,3.2173,-1.3692,0,0,0,-0.5912,0.3362,-0.9842,0],
  notCovered: 0,
  caveat: 1,
};
