// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.2625,4.0364,-0.9815,-0.5049,0.8098,-0.7148,-0.9667,-0.4426,-0.0644,-1.4933],
  notCovered: 0.0813,
  caveat: 0.0813,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.7601,2.9698,-0.6879,0,0,0,-0.516,0.1496,-0.4467,0],
  notCovered: 0.1987,
  caveat: 0.6206,
};
