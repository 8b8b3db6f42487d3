// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.5013,3.2546,-1.5295,-0.7018,1.1773,-1.0492,-1.3016,-0.8811,-0.1041,-2.9236],
  notCovered: 0.0157,
  caveat: 0.7015,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-3.0011,4.2274,-1.5773,0,0,0,0,0.8154,-0.2103,0],
  notCovered: 0,
  caveat: 1,
};
