// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.2798,4.1135,-0.8965,-0.5702,0.7503,-0.7727,-1.0108,-0.3796,-0.0691,-1.646],
  notCovered: 0.1027,
  caveat: 0.1027,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.8425,3.1098,-0.775,0,0,0,-0.5373,0.1609,-0.4545,0],
  notCovered: 0.1933,
  caveat: 0.6209,
};
