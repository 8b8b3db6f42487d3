// Written by `npm run eval -- --calibrate` (lexical mode): the answer decisions fitted on the tune split.
import type { Decision } from './knobs.js';

export const TUNED_DECISION: Decision = {
  weights: [-2.1303,3.9283,-0.7225,-0.7327,0.719,-0.8912,-1.1224,-0.3117,-0.1158,-1.7092],
  notCovered: 0.0156,
  caveat: 0.1931,
};

/** English questions matched through translated keywords. */
export const TUNED_DECISION_ENGLISH: Decision = {
  weights: [-1.857,2.8759,-2.1807,0,0,0,0.3422,0.4063,-0.2296,0],
  notCovered: 0.2619,
  caveat: 0.7127,
};
