// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.4493,1.1185,-2.8072,-3.0126,-1.59,-2.2492,-1.0823,-1.8212,1.9454],
  notCovered: 0.0537,
  caveat: 0.8025,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.9203,1.2181,-2.3198,0,0,0,0,0.269,1.1193],
  notCovered: 0.3334,
  caveat: 1,
};
