// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-1.665,3.735,-1.8841,-0.6656,1.1511,-1.071,-1.5162,-0.7347,-2.6284],
  notCovered: 0.1356,
  caveat: 0.796,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.5607,3.5295,-1.7183,0,0,0,0,0.778,0.5262],
  notCovered: 0,
  caveat: 1,
};
