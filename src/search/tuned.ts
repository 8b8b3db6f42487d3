// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.473,3.4413,-1.0414,-1.2584,1.0562,-0.8608,-1.6684,-0.6824,-0.5082,-2.0874],
  notCovered: 0.0507,
  caveat: 0.3931,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.988,3.2173,-1.3692,0,0,0,-0.5912,0.3362,-0.9842,0],
  notCovered: 0,
  caveat: 1,
};
