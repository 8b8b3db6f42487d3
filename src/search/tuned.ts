// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.5692,3.1347,-1.6196,-0.6553,1.179,-0.9966,-1.2966,-0.4834,-0.0583,-2.0661],
  notCovered: 0.0544,
  caveat: 0.7243,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-3.0011,4.2274,-1.5773,0,0,0,0,0.8154,-0.2103,0],
  notCovered: 0,
  caveat: 1,
};
