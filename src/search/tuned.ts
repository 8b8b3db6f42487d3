// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1572,3.9637,-0.8161,-1.0526,0.3861,-0.735,-0.8347,-0.6768,-0.816,-1.607],
  notCovered: 0.0138,
  caveat: 0.1118,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-2.1596,3.5861,-1.7545,-0.2794,0,-0.7237,-0.0483,0.2215,-1.4596,0],
  notCovered: 0.1619,
  caveat: 0.6467,
};
