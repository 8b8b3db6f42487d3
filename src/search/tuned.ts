// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.6052,3.194,-1.6315,-0.6581,1.1758,-0.9965,-1.2937,-0.4507,-0.0533,-2.8424],
  notCovered: 0.0242,
  caveat: 0.7285,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-3.0011,4.2274,-1.5773,0,0,0,0,0.8154,-0.2103,0],
  notCovered: 0,
  caveat: 1,
};
