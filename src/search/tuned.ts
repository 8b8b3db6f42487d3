// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1188,3.9357,-0.9484,-0.6166,0.4081,-0.4899,-1.0246,-0.5707,-0.2192,-1.5847],
  notCovered: 0.1085,
  caveat: 0.1085,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.8611,3.1599,-1.0199,0,0,0,-0.527,0.1424,-0.4027,0],
  notCovered: 0.2006,
  caveat: 0.6208,
};
