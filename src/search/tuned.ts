// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-0.8835,3.2995,-1.9251,-2.6168,-0.393,-1.7643,-1.7229,-1.4175,-2.6775],
  notCovered: 0.0277,
  caveat: 0.88,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.3727,3.6962,-1.8852,0,0,0,0,0.488,-1.6004],
  notCovered: 0,
  caveat: 1,
};
