// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.7074,3.7638,-0.9408,-0.6968,1.1118,-1.0613,-1.3967,-0.6965,-2.7296],
  notCovered: 0.1444,
  caveat: 0.8046,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.6587,3.6948,-1.7082,0,0,0,0,0.7759,0.5561],
  notCovered: 0,
  caveat: 1,
};
