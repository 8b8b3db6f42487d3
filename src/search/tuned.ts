// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.3263,4.1047,-1.0859,-0.4886,0.9027,-0.7403,-0.953,-0.4284,-0.2214,-1.2025],
  notCovered: 0.0709,
  caveat: 0.0709,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.6823,2.9198,-1.8747,0,0,0,-0.5247,0.1044,-0.4047,0],
  notCovered: 0.2181,
  caveat: 0.6258,
};
